import { resolve } from 'node:path';
import { isTrainKnob, normalizeKnobValue } from './knob-schemas.js';
import { DEFAULT_CLASSIFICATION_METRIC, DEFAULT_METRIC, defaultGoal } from './metric-names.js';
import { canonicalMetric } from '../core/metric-registry.js';
import { DEFAULT_MU, DEFAULT_Q, DEFAULT_SIGMA, isNormalDistribution, isQDistribution, isRangeDistribution } from './distributions.js';
import type { RawParameter } from './parameter-shape.js';
import { dataSchema, modelSchema, type RawData, type RawModel, type RawSpec } from './spec-schema.js';
import type { PathSegment, SpecIssue } from './spec-issue.js';
import type { DataSpec, GenerateSpec, LayerSpec, ModelSpec, ParameterSpec, ParamValue, SweepSpec, TaskName } from './types.js';
import { fallbackMessage, issuesFromZod } from './zod-issues.js';

/**
 * From validated input to the normalized SweepSpec: defaults filled, relative paths made
 * absolute (against `dir`, the spec's folder), `none` turned into null. Normalizing an
 * already normalized section gives it back unchanged, which lets dotted parameters be
 * checked by re-validating the section with the value put in.
 */

export function normalizeData(d: RawData, dir: string): DataSpec {
  const out: DataSpec = { target: d.target === 'input' ? 'input' : [...d.target], validation_split: d.validation_split };
  if (d.generate !== undefined) out.generate = { ...d.generate } as GenerateSpec;
  if (d.path !== undefined) out.path = resolve(dir, d.path);
  if (d.classes !== undefined) out.classes = d.classes.map(String);
  if (d.input_shape !== undefined) out.input_shape = [...d.input_shape];
  // Present only when shuffling, so every spec written before the option keeps its trial keys.
  if (d.shuffle !== false && d.shuffle !== undefined) out.shuffle = d.shuffle === true ? 0 : d.shuffle;
  return out;
}

export function normalizeModel(m: RawModel, dir: string): ModelSpec {
  if (m.module !== undefined) return { module: resolve(dir, m.module) };
  // A generic layer is kept as written (its defaults are TensorFlow.js's, applied when it is built).
  return { layers: (m.layers ?? []).map((l) => structuredClone(l) as LayerSpec) };
}

export type SectionResult<T> = { ok: true; value: T } | { ok: false; issues: SpecIssue[] };

/** Validates and normalizes `data` on its own; issue paths start at `prefix`. */
export function parseData(value: unknown, dir: string, prefix: PathSegment[] = ['data']): SectionResult<DataSpec> {
  const r = dataSchema.safeParse(value, { error: fallbackMessage });
  return r.success ? { ok: true, value: normalizeData(r.data, dir) } : { ok: false, issues: issuesFromZod(r.error.issues, dataSchema, value, prefix) };
}

export function parseModel(value: unknown, dir: string, prefix: PathSegment[] = ['model']): SectionResult<ModelSpec> {
  const r = modelSchema.safeParse(value, { error: fallbackMessage });
  return r.success ? { ok: true, value: normalizeModel(r.data, dir) } : { ok: false, issues: issuesFromZod(r.error.issues, modelSchema, value, prefix) };
}

/**
 * A validated `parameters` entry as the planner wants it; `map` normalizes each value.
 * Defaults are filled in (q 1, mu 0, sigma 1, as in W&B), so writing a default out is the
 * same spec with the same hash.
 */
export function normalizeParameter(p: RawParameter, map: (v: ParamValue) => ParamValue): ParameterSpec {
  if (p.value !== undefined) return { kind: 'value', value: map(p.value as ParamValue) };
  const d = p.distribution;
  if (d === undefined || d === 'categorical' || d === 'categorical_w_probabilities') {
    const values = (p.values as ParamValue[]).map(map);
    const out: ParameterSpec = d === undefined ? { kind: 'values', values } : { kind: 'categorical', values };
    if (p.probabilities !== undefined) out.probabilities = [...p.probabilities];
    return out;
  }
  const q = isQDistribution(d) ? { q: p.q ?? DEFAULT_Q } : {};
  if (isNormalDistribution(d)) return { kind: 'normal', distribution: d, mu: p.mu ?? DEFAULT_MU, sigma: p.sigma ?? DEFAULT_SIGMA, ...q };
  if (isRangeDistribution(d)) return { kind: 'distribution', distribution: d, min: p.min as number, max: p.max as number, ...q };
  throw new Error(`normalizeParameter: ${d} reached normalization (the schema admits no such entry)`);
}

/**
 * The whole spec. `dotted` holds the dotted parameters, already normalized by
 * check-dotted.ts (their values may need the model's or data's defaults).
 */
export function normalizeSpec(raw: RawSpec, dir: string, dotted: ReadonlyMap<string, ParameterSpec>, task: TaskName = 'regression'): SweepSpec {
  const parameters: Record<string, ParameterSpec> = {};
  for (const name of Object.keys(raw.parameters).sort()) {
    const p = raw.parameters[name] as RawParameter | undefined;
    if (p === undefined) continue;
    if (isTrainKnob(name)) parameters[name] = normalizeParameter(p, (v) => normalizeKnobValue(name, v));
    else parameters[name] = dotted.get(name) as ParameterSpec;
  }
  const metricName = canonicalMetric(raw.metric?.name ?? (task === 'classification' ? DEFAULT_CLASSIFICATION_METRIC : DEFAULT_METRIC));
  const spec: SweepSpec = {
    name: raw.name,
    // Only a classifier says so: regression specs keep the hash they had before tasks existed.
    ...(task === 'classification' ? { task } : {}),
    method: raw.method,
    random_seed: raw.random_seed,
    metric: { name: metricName, goal: raw.metric?.goal ?? defaultGoal(metricName) },
    data: normalizeData(raw.data, dir),
    model: normalizeModel(raw.model, dir),
    parameters,
  };
  if (task === 'classification') spec.data.labels = true;
  if (raw.description !== undefined) spec.description = raw.description;
  if (raw.run_cap !== undefined) spec.run_cap = raw.run_cap;
  if (raw.early_terminate !== undefined) spec.early_terminate = { ...raw.early_terminate };
  return spec;
}
