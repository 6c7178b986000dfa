import { createHash } from 'node:crypto';
import { canonicalJson } from '../config/canonical-json.js';
import { isTrainKnob } from '../config/knob-schemas.js';
import type { DataSpec, ModelSpec, ParamValue } from '../config/types.js';

/** Bumped if what a key covers ever changes, so old and new keys never collide. */
const KEY_VERSION = 1;

/**
 * The trial's identity: 16 hex chars of sha256 over the canonical JSON of its training
 * knobs, model and data. Dotted parameters are not hashed from `params`: they are
 * already applied to `model` / `data`, so a trial has the same key whether a value was
 * written in the model or swept as `model.layers.0.activation`. `params` must hold every
 * knob (as PlannedTrial.params does).
 */
export function trialKey(params: Readonly<Record<string, ParamValue>>, model: ModelSpec, data: DataSpec): string {
  const train: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(params)) if (isTrainKnob(k)) train[k] = v;
  const text = canonicalJson({ v: KEY_VERSION, train, model, data });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
