import { createHash } from 'node:crypto';
import { canonicalJson } from '../config/canonical-json.js';
import { isTrainKnob } from '../config/knob-schemas.js';
import type { DataSpec, ModelSpec, ParamValue, TrainKnob } from '../config/types.js';

/** Bumped if what a key covers ever changes, so old and new keys never collide. */
const KEY_VERSION = 1;

/**
 * Knobs added after key version 1 was released, each with the value that trains exactly as
 * before the knob existed. At that value the knob is left out of the hash, so a trial
 * planned before the knob existed keeps its key: stored sweeps still resume (their plan is
 * checked by key) and `--reuse` still finds their results. A new knob goes here with its
 * "off" value instead of bumping KEY_VERSION.
 */
const ADDED_KNOBS: Readonly<Partial<Record<TrainKnob, ParamValue>>> = { weight_decay: 0 };

/**
 * The trial's identity: 16 hex chars of sha256 over the canonical JSON of its training
 * knobs, model and data (and its free-form parameters, which reach a model module). Dotted parameters are not hashed from `params`: they are
 * already applied to `model` / `data`, so a trial has the same key whether a value was
 * written in the model or swept as `model.layers.0.activation`. `params` must hold every
 * knob (as PlannedTrial.params does); an added knob at its "off" value may be absent.
 */
export function trialKey(
  params: Readonly<Record<string, ParamValue>>, model: ModelSpec, data: DataSpec, free: Readonly<Record<string, ParamValue>> = {},
): string {
  const train: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(params)) {
    if (!isTrainKnob(k)) continue;
    if (Object.prototype.hasOwnProperty.call(ADDED_KNOBS, k) && ADDED_KNOBS[k] === v) continue;
    train[k] = v;
  }
  // Free-form parameters (a module's own) are part of the trial; only present when there are any, so older keys stay.
  const text = canonicalJson(Object.keys(free).length > 0 ? { v: KEY_VERSION, train, model, data, free } : { v: KEY_VERSION, train, model, data });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
