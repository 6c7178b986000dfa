import cliProgress from 'cli-progress';
import type { TrialRecord } from '../storage/store.js';
import type { TrialResult } from '../core/results.js';
import type { RunSummary } from '../runner/run-sweep.js';
import type { RunCounts } from '../runner/progress.js';
import { ProgressState, doneCount, formatMetric, formatSeconds } from './progress-state.js';

/**
 * The bar's count of trials that ended without a result, each status by its own name as
 * the summary line names it (`1 failed, 2 diverged`), or `0 failed` while there are none.
 */
export function formatProblemCounts(c: Pick<RunCounts, 'failed' | 'diverged' | 'timeout'>): string {
  const parts = (['failed', 'diverged', 'timeout'] as const).filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
  return parts.length > 0 ? parts.join(', ') : '0 failed';
}

/**
 * The TTY renderer: one live bar (done/total, running, failed, elapsed, ETA, best metric)
 * redrawn in place; trials that fail are logged above the bar so their reasons stay visible.
 */
export class BarProgress extends ProgressState {
  private bar: cliProgress.SingleBar | null = null;
  private ticker: NodeJS.Timeout | null = null;

  constructor(private readonly stream: NodeJS.WriteStream) {
    super();
  }

  private payload(): Record<string, string | number> {
    const c = this.counts;
    return {
      running: this.running,
      problems: formatProblemCounts(c),
      elapsed: formatSeconds(this.elapsedS()),
      etaText: formatSeconds(this.etaS()),
      best: this.best ? `${this.info.metric.name} ${formatMetric(this.best.value)} (trial ${this.best.id})` : '-',
    };
  }

  protected onStart(): void {
    const i = this.info;
    this.stream.write(`sweep ${i.sweep}: ${i.total} trials, ${i.workers} worker(s), backend ${i.backend}` +
      (i.resumed ? `, resumed (${doneCount(i.counts)} done, ${i.reclaimed} reclaimed)` : '') +
      (i.reused ? `, ${i.reused} reused` : '') + '\n');
    if (i.note) this.stream.write(`note: ${i.note}\n`);
    this.bar = new cliProgress.SingleBar(
      {
        stream: this.stream,
        format: '{bar} {value}/{total} trials | running {running} | {problems} | {elapsed} elapsed | ETA {etaText} | best {best}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(i.total, doneCount(i.counts), this.payload());
    this.ticker = setInterval(() => this.bar?.update(this.payload()), 1000);
    this.ticker.unref();
  }

  protected onTrialStarted(): void {
    this.bar?.update(this.payload());
  }

  protected onTrialFinished(trial: TrialRecord, r: TrialResult): void {
    if (r.status !== 'completed' && r.status !== 'pruned' && r.status !== 'interrupted') {
      this.stream.write(`\r\x1b[2K  trial ${trial.id} ${r.status}: ${r.reason ?? ''}\n`);
    }
    this.bar?.update(doneCount(this.counts), this.payload());
  }

  protected onNote(message: string): void {
    this.stream.write(`\r\x1b[2K  note: ${message}\n`);
  }

  protected onFinish(s: RunSummary): void {
    if (this.ticker) clearInterval(this.ticker);
    this.bar?.update(doneCount(s.counts), this.payload());
    this.bar?.stop();
    const c = s.counts;
    this.stream.write(
      `${s.interrupted ? 'interrupted' : 'finished'} in ${formatSeconds(s.wallSeconds)}: ${c.completed} completed, ` +
        `${c.failed} failed, ${c.diverged} diverged, ${c.timeout} timeout, ${c.pruned} pruned\n`,
    );
  }
}
