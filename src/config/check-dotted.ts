import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { isPlainObject } from './describe-value.js';
import { getAtPath, joinDotted, parseDottedPath, resolveDottedPath, setAtPath, type DottedPath } from './dotted-path.js';
import { parseData, parseModel, normalizeParameter, type SectionResult } from './normalize-spec.js';
import { parameterSchema, type RawParameter } from './parameter-schema.js';
import { probeMessage, rangeProbes, type RangeProbe } from './parameter-probes.js';
import { formatPath, type PathSegment, type SpecIssue } from './spec-issue.js';
import { didYouMean } from './suggest.js';
import { isGenericLayer, type DataSpec, type LayerSpec, type ModelSpec, type ParameterSpec, type ParamValue } from './types.js';

/**
 * Dotted parameters (`model.layers.0.activation`, `data.validation_split`). The path must
 * resolve in the spec's normalized model/data, and each value it can take is checked by
 * putting it in place and validating the whole section again, so a swept value obeys
 * exactly the rules of a written one (including cross-field ones such as low < high).
 */

export interface Sections {
  /** Normalized model / data; undefined when that section is itself invalid. */
  model?: ModelSpec;
  data?: DataSpec;
}

export interface DottedResult {
  issues: SpecIssue[];
  /** The normalized parameter; present only when there are no issues. */
  param?: ParameterSpec;
}

const SHAPE = parameterSchema(z.unknown());

/** `method` decides which values a grid-expandable range takes (see parameter-probes.ts). */
export function checkDottedParameter(name: string, raw: unknown, sections: Sections, dir: string, method: unknown): DottedResult {
  const at = (rest: PathSegment[], message: string, atKey = false): SpecIssue => ({ path: ['parameters', name, ...rest], message, atKey });
  const path = parseDottedPath(name);
  if (!path) return { issues: [at([], 'expected a dotted path such as model.layers.0.activation or data.validation_split', true)] };
  const section = sections[path.root];
  // A broken section reports its own problems; its paths cannot be checked meanwhile.
  if (section === undefined) return { issues: [] };
  if (path.root === 'model' && 'module' in section) {
    return { issues: [at([], 'model is a module (model.module): dotted parameters need model.layers', true)] };
  }
  const resolution = resolveDottedPath(section, path.segments);
  if (!resolution.ok && !optionOfOpenLayer(section, path, resolution.depth)) {
    const where = joinDotted(path.root, path.segments.slice(0, resolution.depth));
    const seg = String(path.segments[resolution.depth]);
    const keys = resolution.available.length > 0 ? `${didYouMean(seg, resolution.available)}; keys: ${resolution.available.join(', ')}` : '';
    return { issues: [at([], `does not resolve: ${where} ${resolution.reason}${keys}`, true)] };
  }
  const refusal = notSweepable(path);
  if (refusal) return { issues: [at([], `${name} cannot be swept: ${refusal}`, true)] };
  if (!isPlainObject(raw) || !SHAPE.safeParse(raw).success) return { issues: [] }; // the schema reports the shape

  const p = raw as RawParameter;
  const reparse = (candidate: unknown): SectionResult<ModelSpec | DataSpec> => {
    const next = setAtPath(section, path.segments, candidate);
    return path.root === 'model' ? parseModel(next, dir) : parseData(next, dir);
  };
  const issues: SpecIssue[] = [];
  const normalized = new Map<unknown, ParamValue>();
  const candidates: { where: PathSegment[]; value: unknown; probe?: RangeProbe }[] = [];
  if (p.value !== undefined) candidates.push({ where: ['value'], value: p.value });
  (p.values ?? []).forEach((v, i) => candidates.push({ where: ['values', i], value: v }));
  for (const probe of rangeProbes(p, method)) candidates.push({ where: probe.path, value: probe.value, probe });
  for (const c of candidates) {
    if (c.probe?.inner && issues.length > 0) break; // inner draws matter only once the extremes pass
    if (c.probe && issues.some((i) => i.path.join('.') === ['parameters', name, ...c.where].join('.'))) continue; // one word per key
    const r = reparse(c.value);
    if (r.ok) {
      normalized.set(c.value, getAtPath(r.value, path.segments) as ParamValue);
      continue;
    }
    const message = explain(r.issues[0], path);
    issues.push(at(c.where, c.probe ? probeMessage(c.probe, message) : message));
  }
  issues.push(...normalizedDuplicates(p, normalized, at));
  if (issues.length > 0) return { issues };
  return { issues, param: normalizeParameter(p, (v) => normalized.get(v) ?? v) };
}

/**
 * True when the path ends in an option not written on a generic layer (any layer but the
 * top-level dense and dropout, nested ones included): its options are TensorFlow.js's,
 * defaults unknown here, so `model.layers.2.padding` may sweep one left at its default.
 * The option's name and values are checked when the sweep is planned.
 */
function optionOfOpenLayer(section: ModelSpec | DataSpec, path: DottedPath, depth: number): boolean {
  if (path.root !== 'model' || depth !== path.segments.length - 1) return false;
  const node = getAtPath(section, path.segments.slice(0, depth));
  if (!isPlainObject(node) || typeof node.type !== 'string') return false;
  const topLevel = depth === 2 && path.segments[0] === 'layers';
  return !(topLevel && isGenericLayer(node as unknown as LayerSpec) === false);
}

/** Tags pick the kind of a thing, and paths need resolving: neither is swept value by value. */
function notSweepable(path: DottedPath): string | undefined {
  const last = path.segments[path.segments.length - 1];
  if (path.root === 'model' && last === 'type') return 'it picks the kind of layer; sweep model.layers as a whole to compare architectures';
  if (path.root === 'data' && last === 'distribution') return 'it picks the generator; sweep data.generate as a whole instead';
  if (path.root === 'data' && path.segments.length === 1 && last === 'path') return 'one data file per spec for now; write a spec per file';
  return undefined;
}

/** The first problem of a re-validated section, in terms of the swept value. */
function explain(issue: SpecIssue | undefined, path: DottedPath): string {
  if (!issue) return 'refused';
  const own = [path.root, ...path.segments];
  const inside = own.every((seg, i) => issue.path[i] === seg);
  // A problem inside the value reads as is; one elsewhere (low vs high) names its place.
  return inside && issue.path.length === own.length ? issue.message : `makes ${formatPath(issue.path)} invalid: ${issue.message}`;
}

/** Values that differ as written but coincide once defaults are filled in. */
function normalizedDuplicates(p: RawParameter, normalized: Map<unknown, ParamValue>, at: (rest: PathSegment[], m: string) => SpecIssue): SpecIssue[] {
  if (!Array.isArray(p.values)) return [];
  const out: SpecIssue[] = [];
  const seen = new Map<string, number>();
  p.values.forEach((v, i) => {
    if (!normalized.has(v)) return;
    const key = canonicalJson(normalized.get(v));
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else if (canonicalJson(p.values?.[first]) !== canonicalJson(v)) {
      out.push(at(['values', i], `is the same as values[${first}] once defaults are filled in`));
    }
  });
  return out;
}
