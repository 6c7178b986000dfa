import type { ProgressReporter, RunCounts, RunStartInfo } from '../runner/progress.js';
import type { TrialRecord } from '../storage/store.js';
import type { TrialResult } from '../core/results.js';
import type { RunSummary } from '../runner/run-sweep.js';

/** Final states: a trial in one of these counts as done in progress figures. */
const DONE: (keyof RunCounts)[] = ['completed', 'failed', 'diverged', 'timeout', 'pruned'];

export function doneCount(c: RunCounts): number {
  return DONE.reduce((s, k) => s + c[k], 0);
}

/**
 * Shared bookkeeping for every progress renderer: counts, running set, best metric so
 * far, elapsed time. Renderers subclass it and only decide how to print.
 */
export abstract class ProgressState implements ProgressReporter {
  protected info!: RunStartInfo;
  protected counts!: RunCounts;
  protected running = 0;
  protected best: { value: number; id: number } | null = null;
  protected readonly t0 = performance.now();
  protected doneAtStart = 0;

  start(info: RunStartInfo): void {
    this.info = info;
    this.counts = { ...info.counts };
    this.doneAtStart = doneCount(info.counts);
    this.onStart();
  }

  trialStarted(trial: TrialRecord): void {
    this.running += 1;
    this.onTrialStarted(trial);
  }

  trialFinished(trial: TrialRecord, result: TrialResult, counts: RunCounts): void {
    this.running = Math.max(0, this.running - 1);
    this.counts = counts;
    const v = result.status === 'completed' || result.status === 'pruned'
      ? result.final?.[this.info.metric.name]
      : null;
    if (typeof v === 'number' && Number.isFinite(v)) {
      const better = this.info.metric.goal === 'maximize' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
      if (!this.best || better(v, this.best.value)) this.best = { value: v, id: trial.id };
    }
    this.onTrialFinished(trial, result);
  }

  note(message: string): void {
    this.onNote(message);
  }

  finish(summary: RunSummary): void {
    this.counts = summary.counts;
    this.onFinish(summary);
  }

  protected elapsedS(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Seconds left, from this run's pace; null until a trial finished in this run. */
  protected etaS(): number | null {
    const doneNow = doneCount(this.counts) - this.doneAtStart;
    if (doneNow <= 0) return null;
    const left = this.info.total - doneCount(this.counts);
    return (this.elapsedS() / doneNow) * left;
  }

  protected abstract onStart(): void;
  protected abstract onTrialStarted(trial: TrialRecord): void;
  protected abstract onTrialFinished(trial: TrialRecord, result: TrialResult): void;
  protected abstract onNote(message: string): void;
  protected abstract onFinish(summary: RunSummary): void;
}

export function formatSeconds(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(0)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return v.toFixed(4);
}
