import type { TrialRecord } from '../storage/store.js';
import type { TrialResult } from '../core/results.js';
import type { RunSummary } from '../runner/run-sweep.js';
import { ProgressState, doneCount, formatMetric, formatSeconds } from './progress-state.js';
import { formatParamValue } from '../config/format-param.js';

/** Plain text progress for logs and pipes: one line per event, nothing redrawn. */
export class LinesProgress extends ProgressState {
  constructor(private readonly write: (line: string) => void) {
    super();
  }

  protected onStart(): void {
    const i = this.info;
    const parts = [`sweep ${i.sweep}: ${i.total} trials, ${doneCount(i.counts)} already done, ${i.workers} worker(s), backend ${i.backend}`];
    if (i.resumed) parts.push(`resumed (${i.reclaimed} unfinished trial(s) reclaimed)`);
    if (i.reused > 0) parts.push(`${i.reused} trial(s) reused from earlier sweeps`);
    this.write(parts.join('; '));
    if (i.note) this.write(`note: ${i.note}`);
  }

  protected onTrialStarted(): void {}

  protected onTrialFinished(trial: TrialRecord, result: TrialResult): void {
    const m = this.info.metric.name;
    const v = result.final?.[m];
    const params = this.info.swept
      .map((k) => `${k}=${formatParamValue(trial.params[k] ?? null)}`)
      .join(' ');
    const reason = result.status === 'completed' ? '' : ` (${result.reason ?? result.status})`;
    const warn = result.warnings.length ? ` [${result.warnings.join(',')}]` : '';
    this.write(
      `[${doneCount(this.counts)}/${this.info.total}] trial ${trial.id} ${result.status}${reason} ${m}=${formatMetric(v)}${warn} | ${params}`,
    );
  }

  protected onNote(message: string): void {
    this.write(`note: ${message}`);
  }

  protected onFinish(s: RunSummary): void {
    const c = s.counts;
    this.write(
      `sweep ${s.sweep.name} ${s.interrupted ? 'interrupted' : 'finished'} in ${formatSeconds(s.wallSeconds)}: ` +
        `${c.completed} completed, ${c.failed} failed, ${c.diverged} diverged, ${c.timeout} timeout, ${c.pruned} pruned` +
        (c.pending + c.interrupted + c.running > 0 ? `, ${c.pending + c.interrupted + c.running} not finished` : ''),
    );
  }
}
