import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import type { ParamValue } from '../config/types.js';

/**
 * A user's model module: `export function build(params, tf)` (or a default export with
 * `build`) returning a tf.LayersModel, possibly through a Promise. `params` are the
 * trial's canonical params (seed included, for the module's own initializers); `tf` is the
 * trainer's TensorFlow.js, so the model lives on the trainer's backend.
 */
export async function loadUserModel(modulePath: string, params: Record<string, ParamValue>): Promise<tf.LayersModel> {
  const mod = (await import(pathToFileURL(modulePath).href)) as { build?: unknown; default?: { build?: unknown } };
  const build = typeof mod.build === 'function' ? mod.build : mod.default?.build;
  if (typeof build !== 'function') {
    throw new Error(`model module ${modulePath} does not export a build(params, tf) function`);
  }
  const model: unknown = await (build as (p: unknown, t: typeof tf) => unknown)(moduleParams(params), tf);
  if (!(model instanceof tf.LayersModel)) {
    throw new Error(`build() in ${modulePath} returned ${describe(model)}, not a tf.LayersModel`);
  }
  return model;
}

/**
 * What build(params) receives: the trial's parameters, and W&B-style nested ones as nested
 * objects too (`optimizer.lr` also as `params.optimizer.lr`, replacing a knob value of the
 * same top name there, as a nested W&B config would read). Model and data paths excluded.
 */
export function moduleParams(params: Readonly<Record<string, ParamValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(params) as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) {
    if (!name.includes('.') || name.startsWith('model.') || name.startsWith('data.')) continue;
    const parts = name.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = structuredClone(value);
  }
  return out;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  return `a ${typeof v}`;
}
