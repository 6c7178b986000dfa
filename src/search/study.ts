import type { Goal, FinalMetrics, MetricValues } from '../core/metrics.js';
import { metricValue } from '../core/metrics.js';
import type { SweepSpec } from '../config/types.js';
import { TfsweepError } from '../errors.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { TrialRecord } from '../storage/store.js';
import type { Sampler } from './sampler.js';
import { samplerFor } from './sampler-for.js';

/** What a program reports back for a trial it trained itself. */
export interface StudyOutcome {
  status: 'completed' | 'failed' | 'pruned';
  /** The trial's final metrics by name; null when it produced none. Non-finite values are kept as null. */
  final: MetricValues | null;
  /** Why it failed or was pruned (kept as the record's `error`). */
  reason?: string;
}

/**
 * Ask/tell over a Sampler, for programs that train in their own loop (Optuna's
 * `study.ask()` / `study.tell()`). Pure: no store, file system or clock; the history lives
 * in memory as TrialRecord-shaped rows ordered by idx (pending, then running once asked,
 * then the told status), which is exactly what `sampler.next(history)` expects to see.
 * Times, backend and epochs are left empty: the Study does not train.
 */
export class Study {
  private readonly plan: PlannedTrial[] = [];
  private readonly records: TrialRecord[] = [];
  /** Index into `plan` of the next trial to hand out. */
  private cursor = 0;
  private samplerDone = false;

  constructor(private readonly sampler: Sampler) {
    this.add(sampler.initial());
  }

  /** A study of the spec's own method (grid or random). */
  static forSpec(spec: SweepSpec): Study {
    return new Study(samplerFor(spec));
  }

  /**
   * The next trial to train, now `running`; null when the sampler has nothing more right
   * now: either it is done (see `exhausted`) or it waits for results still to be told.
   */
  ask(): PlannedTrial | null {
    if (this.cursor === this.plan.length && !this.samplerDone) {
      const next = this.sampler.next(this.records);
      if (next === 'done') this.samplerDone = true;
      else if (next !== 'wait') this.add(next);
    }
    const trial = this.plan[this.cursor];
    if (trial === undefined) return null;
    this.cursor += 1;
    const rec = this.records[trial.idx];
    rec.status = 'running';
    rec.attempt = 1;
    return trial;
  }

  /**
   * Records the outcome of an asked trial. Throws a TfsweepError for an idx that was never
   * planned (`E_STUDY_UNKNOWN_TRIAL`), not asked yet (`E_STUDY_NOT_ASKED`), or already told
   * (`E_STUDY_ALREADY_TOLD`): a result must never silently replace another.
   */
  tell(trialIdx: number, outcome: StudyOutcome): TrialRecord {
    const rec = Number.isInteger(trialIdx) ? this.records[trialIdx] : undefined;
    if (rec === undefined) throw new TfsweepError('E_STUDY_UNKNOWN_TRIAL', `no trial ${trialIdx} in this study (it has ${this.records.length})`, 2);
    if (rec.status === 'pending') throw new TfsweepError('E_STUDY_NOT_ASKED', `trial ${trialIdx} was not asked for yet`, 2);
    if (rec.status !== 'running') throw new TfsweepError('E_STUDY_ALREADY_TOLD', `trial ${trialIdx} was already told (${rec.status})`, 2);
    rec.status = outcome.status;
    rec.error = outcome.reason ?? null;
    // FinalMetrics promises a numeric `loss`; a program's own metrics may not have one.
    // Readers go through metricValue(), which treats an absent value as missing.
    rec.final = outcome.final === null ? null : (finiteOrNull(outcome.final) as FinalMetrics);
    return { ...rec };
  }

  /** True once the sampler said it is done and every planned trial was asked. */
  get exhausted(): boolean {
    return this.samplerDone && this.cursor === this.plan.length;
  }

  /** Every trial so far, ordered by idx (copies). */
  history(): TrialRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  /**
   * The completed trial with the best finite value of `metric` (ties: the lower idx), or
   * null when none has one. Failed and pruned trials never count, as in Optuna.
   */
  best(metric: string, goal: Goal): TrialRecord | null {
    let best: TrialRecord | null = null;
    let bestValue = 0;
    for (const r of this.records) {
      const v = r.status === 'completed' ? metricValue(r.final, metric) : null;
      if (v === null) continue;
      if (best === null || (goal === 'maximize' ? v > bestValue : v < bestValue)) {
        best = r;
        bestValue = v;
      }
    }
    return best === null ? null : { ...best };
  }

  private add(trials: readonly PlannedTrial[]): void {
    for (const t of trials) {
      if (t.idx !== this.records.length) {
        throw new TfsweepError('E_STUDY_SAMPLER', `the sampler returned trial ${t.idx} where ${this.records.length} was expected`);
      }
      this.plan.push(t);
      this.records.push(pendingRecord(t));
    }
  }
}

/** A planned trial as the store would list it before it starts; not stored, so sweep_id 0 and id = idx + 1. */
function pendingRecord(t: PlannedTrial): TrialRecord {
  return {
    id: t.idx + 1,
    sweep_id: 0,
    trial_key: t.key,
    idx: t.idx,
    params: t.params,
    status: 'pending',
    attempt: 0,
    backend: null,
    started_at: null,
    finished_at: null,
    duration_s: null,
    epochs_done: 0,
    best_epoch: null,
    error: null,
    warnings: [],
    final: null,
    rung: null,
    reused_from: null,
    confusion: null,
  };
}

function finiteOrNull(values: MetricValues): MetricValues {
  const out: MetricValues = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  return out;
}
