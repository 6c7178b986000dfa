import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDottedName } from './dotted-path.js';
import { knobsOfParameters } from './knob-aliases.js';
import { KNOB_ITEM_SCHEMAS } from './knob-schemas.js';
import { parameterSchema } from './parameter-schema.js';
import type { Reference } from './references.js';
import { isTrainKnob, normalizeKnobValue } from './knob-schemas.js';
import { DEFAULT_CLASSIFICATION_METRIC, DEFAULT_METRIC, defaultGoal } from './metric-names.js';
import { canonicalMetric } from '../core/metric-registry.js';
import { DEFAULT_MU, DEFAULT_Q, DEFAULT_SIGMA, isNormalDistribution, isQDistribution, isRangeDistribution } from './distributions.js';
import type { RawParameter } from './parameter-shape.js';
import { dataSchema, modelSchema, type RawData, type RawModel, type RawSpec } from './spec-schema.js';
import type { PathSegment, SpecIssue } from './spec-issue.js';
import type { DataSpec, GenerateSpec, LayerSpec, ModelSpec, ParameterSpec, ParamValue, SweepSpec, TaskName, TrainKnob } from './types.js';
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
export function normalizeSpec(
  raw: RawSpec, dir: string, dotted: ReadonlyMap<string, ParameterSpec>, task: TaskName = 'regression', references: readonly Reference[] = [],
): SweepSpec {
  const parameters: Record<string, ParameterSpec> = {};
  const knobOf = knobsOfParameters(Object.keys(raw.parameters), (raw.knobs ?? {}) as Record<string, string>);
  const aliases: Record<string, TrainKnob> = {};
  for (const name of Object.keys(raw.parameters).sort()) {
    const p = raw.parameters[name] as RawParameter | undefined;
    if (p === undefined) continue;
    const knob = knobOf.get(name);
    if (isTrainKnob(name) && knob === name) parameters[name] = normalizeParameter(p, (v) => normalizeKnobValue(name, v));
    else if (isDottedName(name)) parameters[name] = dotted.get(name) as ParameterSpec;
    else if (knob !== undefined) {
      // An alias takes its knob's values, normalized as the knob's own (optimizer spellings, none).
      const parsed = parameterSchema(KNOB_ITEM_SCHEMAS[knob]).parse(p) as RawParameter;
      parameters[name] = normalizeParameter(parsed, (v) => normalizeKnobValue(knob, v));
      aliases[name] = knob;
    } else parameters[name] = normalizeParameter(p, (v) => v);
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
  // Present only when used, so specs without them keep their hashes.
  if (Object.keys(aliases).length > 0) spec.knobs = aliases;
  if (references.length > 0) {
    const refs: Record<string, (string | number)[][]> = {};
    for (const r of references) refs[r.name] = [...(refs[r.name] ?? []), r.path];
    spec.references = refs;
  }
  if ('module' in spec.model) {
    // The module's content is part of what a trial is: an edited module is another sweep.
    try {
      spec.model.module_sha256 = createHash('sha256').update(readFileSync(spec.model.module)).digest('hex');
    } catch {
      // check-sources.ts reports a missing module; nothing to hash then.
    }
  }
  if (raw.description !== undefined) spec.description = raw.description;
  if (raw.run_cap !== undefined) spec.run_cap = raw.run_cap;
  if (raw.early_terminate !== undefined) spec.early_terminate = { ...raw.early_terminate };
  return spec;
}
