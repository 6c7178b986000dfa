import type { TrialRecord } from '../storage/store.js';
import type { TrialResult } from '../core/results.js';
import type { RunSummary } from '../runner/run-sweep.js';
import { ProgressState, doneCount } from './progress-state.js';

/** `--json`: one JSON object per line, with an `event` field; stable for scripts. */
export class JsonProgress extends ProgressState {
  constructor(private readonly write: (line: string) => void) {
    super();
  }

  private emit(event: string, body: Record<string, unknown>): void {
    this.write(JSON.stringify({ event, ...body }));
  }

  protected onStart(): void {
    const i = this.info;
    this.emit('start', {
      sweep: i.sweep, total: i.total, done: doneCount(i.counts), workers: i.workers, backend: i.backend,
      resumed: i.resumed, reclaimed: i.reclaimed, reused: i.reused, note: i.note,
    });
  }

  protected onTrialStarted(trial: TrialRecord): void {
    this.emit('trial_started', { trial_id: trial.id, idx: trial.idx });
  }

  protected onTrialFinished(trial: TrialRecord, r: TrialResult): void {
    this.emit('trial_finished', {
      trial_id: trial.id, idx: trial.idx, status: r.status, reason: r.reason, final: r.final,
      epochs_done: r.epochs.length, best_epoch: r.best_epoch, warnings: r.warnings, backend: r.backend,
      done: doneCount(this.counts), total: this.info.total,
    });
  }

  protected onNote(message: string): void {
    this.emit('note', { message });
  }

  protected onFinish(s: RunSummary): void {
    this.emit('finish', {
      sweep: s.sweep.name, interrupted: s.interrupted, counts: s.counts, wall_seconds: s.wallSeconds,
      epochs_trained: s.epochsTrained, reused: s.reused,
    });
  }
}
