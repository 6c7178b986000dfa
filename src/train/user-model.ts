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
  const model: unknown = await (build as (p: unknown, t: typeof tf) => unknown)(structuredClone(params), tf);
  if (!(model instanceof tf.LayersModel)) {
    throw new Error(`build() in ${modulePath} returned ${describe(model)}, not a tf.LayersModel`);
  }
  return model;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  return `a ${typeof v}`;
}
