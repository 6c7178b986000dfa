import type { DataSpec, ModelSpec, ParamValue, TrainParams } from '../config/types.js';

/**
 * One trial as the planner emits it. The same record (plus a status and results) flows
 * through the worker protocol, the store and the tables.
 */
export interface PlannedTrial {
  /** 0-based position in the sweep's plan; stable for a given spec. */
  idx: number;
  /** sha256 (hex, 16 chars) of canonical params + data + model: same trial, same key, in any sweep. */
  key: string;
  /**
   * Canonical params: every training knob with its default filled in, plus every dotted
   * parameter of the spec, keys sorted. This is what `plan --json` prints and the store keeps.
   */
  params: Record<string, ParamValue>;
  /** The resolved training knobs (same values as in params). */
  train: TrainParams;
  /** Model with any dotted `model.*` parameters applied. */
  model: ModelSpec;
  /** Data with any dotted `data.*` parameters applied. */
  data: DataSpec;
}

/** A trial's lifecycle. `pending` and `running` are the only non-final states. */
export const TRIAL_STATUSES = [
  'pending', 'running', 'completed', 'failed', 'diverged', 'timeout', 'interrupted', 'pruned',
] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

/** States a rerun keeps as they are; every other state is trained (again). */
export const FINAL_STATUSES: readonly TrialStatus[] = ['completed', 'failed', 'diverged', 'timeout', 'pruned'];
