import type { Pruner } from './pruner.js';

type Goal = 'maximize' | 'minimize';

interface Waiter {
  idx: number;
  rung: number;
  resolve: (v: 'continue' | 'stop') => void;
}

/**
 * Asynchronous successive halving over epochs. At each rung a trial continues only if it
 * ranks in the top ceil(n / eta) of the n trials that reached that rung with a plan index
 * not above its own (itself included); otherwise it is pruned.
 *
 * Determinism: a decision for trial i at rung r waits until every lower-index trial that
 * is being trained and can reach r has reported its value at r or settled. The decision
 * therefore depends only on lower-index trials' values, never on timing, so the same spec
 * makes the same decisions with any worker count. (Exception: a trial requeued after its
 * worker died is not waited for while it is out of the pool.) Values of trials finished in
 * an earlier run are loaded with `record`, so decisions survive a kill and rerun.
 */
export class AshaPruner implements Pruner {
  private readonly values = new Map<number, Map<number, number | null>>();
  private readonly running = new Set<number>();
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly rungs: number[],
    private readonly eta: number,
    private readonly goal: Goal,
    /** Epoch count of every trial by plan index: a trial with fewer epochs never reaches a rung. */
    private readonly epochsOf: (idx: number) => number,
  ) {}

  rungsFor(_idx: number, epochs: number): number[] {
    return this.rungs.filter((r) => r < epochs);
  }

  /** Loads a value observed earlier (a finished trial's metric at a rung epoch). */
  record(idx: number, rung: number, value: number | null): void {
    let m = this.values.get(rung);
    if (!m) this.values.set(rung, (m = new Map()));
    m.set(idx, value);
  }

  started(idx: number): void {
    this.running.add(idx);
  }

  settled(idx: number): void {
    this.running.delete(idx);
    this.wake();
  }

  decide(idx: number, rung: number, value: number | null): Promise<'continue' | 'stop'> {
    this.record(idx, rung, value);
    const p = new Promise<'continue' | 'stop'>((resolve) => this.waiters.push({ idx, rung, resolve }));
    this.wake();
    return p;
  }

  private ready(w: Waiter): boolean {
    const seen = this.values.get(w.rung)!;
    for (const j of this.running) {
      if (j < w.idx && !seen.has(j) && this.epochsOf(j) > w.rung) return false;
    }
    return true;
  }

  private wake(): void {
    // Lowest index first: its decision may be what a higher one waits for.
    this.waiters.sort((a, b) => a.idx - b.idx || a.rung - b.rung);
    for (let k = 0; k < this.waiters.length; ) {
      const w = this.waiters[k];
      if (this.ready(w)) {
        this.waiters.splice(k, 1);
        w.resolve(this.verdict(w.idx, w.rung));
      } else k++;
    }
  }

  /** Pure ranking at one rung among trials with index <= idx. */
  verdict(idx: number, rung: number): 'continue' | 'stop' {
    const seen = this.values.get(rung) ?? new Map<number, number | null>();
    const peers = [...seen.entries()].filter(([j]) => j <= idx);
    const better = (a: number | null, b: number | null): number => {
      if (a === null && b === null) return 0;
      if (a === null) return 1;
      if (b === null) return -1;
      return this.goal === 'maximize' ? b - a : a - b;
    };
    peers.sort(([ia, a], [ib, b]) => better(a, b) || ia - ib);
    const keep = Math.max(1, Math.ceil(peers.length / this.eta));
    const pos = peers.findIndex(([j]) => j === idx);
    return pos < keep ? 'continue' : 'stop';
  }
}
