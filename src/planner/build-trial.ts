import { parseDottedPath, setAtPath } from '../config/dotted-path.js';
import { isTrainKnob } from '../config/knob-schemas.js';
import type { DataSpec, ModelSpec, ParamValue, SweepSpec, TrainParams } from '../config/types.js';
import { resolveTrainParams } from '../config/defaults.js';
import type { Assignment } from './expand-grid.js';
import type { PlannedTrial } from './trial.js';
import { trialKey } from './trial-key.js';

/**
 * One assignment of parameter values → a complete trial: knobs resolved with defaults,
 * dotted values applied to copies of the spec's model and data, params sorted by name.
 */
export function buildTrial(spec: SweepSpec, index: number, assignment: Assignment): PlannedTrial {
  const knobs: Partial<Record<keyof TrainParams, ParamValue>> = {};
  // Copies, so no two trials (nor the spec) share an object a consumer could mutate.
  let model: ModelSpec = structuredClone(spec.model);
  let data: DataSpec = structuredClone(spec.data);
  const free: Record<string, ParamValue> = {};
  for (const name of Object.keys(assignment).sort()) {
    const value = assignment[name];
    const knob = spec.knobs?.[name] ?? (isTrainKnob(name) ? name : undefined);
    if (knob !== undefined) {
      knobs[knob] = value;
      continue;
    }
    const path = parseDottedPath(name);
    if (path) {
      if (path.root === 'model') model = setAtPath(model, path.segments, value);
      else data = setAtPath(data, path.segments, value);
      continue;
    }
    // A free-form parameter: into the layer list where referenced, else the module's own.
    const refs = spec.references?.[name];
    if (refs !== undefined && 'layers' in model) for (const at of refs) model = setAtPath(model, at, value);
    else free[name] = value;
  }
  const train = resolveTrainParams(knobs as Partial<TrainParams>, spec.task ?? 'regression');
  const merged: Record<string, ParamValue> = { ...(train as unknown as Record<string, ParamValue>), ...assignment };
  const params: Record<string, ParamValue> = {};
  for (const k of Object.keys(merged).sort()) params[k] = merged[k];
  return { idx: index, key: trialKey(params, model, data, free), params, train, model, data };
}
