import { formatParamValue } from '../../config/format-param.js';
import { TRIAL_STATUSES, type TrialStatus } from '../../planner/trial.js';
import type { ParamValue } from '../../config/types.js';
import type { FinalMetrics, MetricValues } from '../../core/metrics.js';
import type { ConfusionMatrix } from '../../core/results.js';
import type { StatusCounts, TrialRecord } from '../store.js';

/**
 * Conversions between store records and their column values.
 */

export interface TrialRow {
  id: number;
  sweep_id: number;
  trial_key: string;
  idx: number;
  params_json: string;
  status: TrialStatus;
  attempt: number;
  backend: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_s: number | null;
  epochs_done: number;
  best_epoch: number | null;
  error: string | null;
  warnings: string;
  has_final: number;
  rung: number | null;
  reused_from: number | null;
  confusion: string | null;
}

/** A trial row and its stored values (`trial_values`) as a record; final is null unless has_final. */
export function rowToTrial(r: TrialRow, values: MetricValues | undefined): TrialRecord {
  const loss = values?.loss;
  const final: FinalMetrics | null = r.has_final && typeof loss === 'number' ? { ...values, loss } : null;
  return {
    id: r.id,
    sweep_id: r.sweep_id,
    trial_key: r.trial_key,
    idx: r.idx,
    params: JSON.parse(r.params_json) as Record<string, ParamValue>,
    status: r.status,
    attempt: r.attempt,
    backend: r.backend,
    started_at: r.started_at,
    finished_at: r.finished_at,
    duration_s: r.duration_s,
    epochs_done: r.epochs_done,
    best_epoch: r.best_epoch,
    error: r.error,
    warnings: parseWarnings(r.warnings),
    final,
    rung: r.rung,
    reused_from: r.reused_from,
    confusion: r.confusion === null || r.confusion === undefined ? null : (JSON.parse(r.confusion) as ConfusionMatrix),
  };
}

/** (name, value) rows, grouped by a key (trial id, or trial id and epoch). */
export function groupValues<K>(rows: readonly { name: string; value: number | null }[], keyOf: (r: never) => K): Map<K, MetricValues> {
  const out = new Map<K, MetricValues>();
  for (const r of rows) {
    const k = keyOf(r as never);
    let v = out.get(k);
    if (!v) out.set(k, (v = {}));
    v[r.name] = r.value;
  }
  return out;
}

/** Canonical params as stored: keys sorted (the planner sorts them already; this makes sure). */
export function paramsJson(params: Record<string, ParamValue>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(params).sort().map((k) => [k, params[k]])));
}

/** Param -> compact text (`l1=1e-05`, `none`), what the `results` view shows for objects and null. */
export function paramsTextJson(params: Record<string, ParamValue>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(params).sort().map((k) => [k, formatParamValue(params[k])])));
}

/** Warning codes as stored and shown in the view: comma-separated, '' for none. */
export function warningsText(codes: readonly string[]): string {
  return codes.join(',');
}

export function parseWarnings(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

/** A copy of exactly the bytes of a Buffer (which may be a view into a larger pool). */
export function toArrayBuffer(buf: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(buf.byteLength);
  new Uint8Array(out).set(buf);
  return out;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(TRIAL_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** States in which a trial is not (or no longer) being worked on: finished_at is set. */
export function isEndState(s: TrialStatus): boolean {
  return s !== 'pending' && s !== 'running';
}
