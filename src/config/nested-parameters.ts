import { isPlainObject } from './describe-value.js';
import type { PathSegment } from './spec-issue.js';

/**
 * W&B's nested parameters: `parameters: {optimizer: {parameters: {lr: {...}}}}` sweeps
 * `optimizer.lr`. Flattened here into dotted names (`optimizer.lr`) before validation, so
 * everything downstream sees flat parameters; `origin` maps each flat name back to where
 * it is written, so problems are located in the file. Pure.
 */
export interface Flattened {
  /** The raw spec with nested groups replaced by their flat entries (a copy; `raw` is untouched). */
  raw: unknown;
  /** Flat name -> its path in the file (['parameters', 'optimizer', 'parameters', 'lr']). */
  origin: Map<string, PathSegment[]>;
}

/** A group: a mapping whose only key is `parameters` (W&B's nesting). */
function isGroup(v: unknown): v is { parameters: Record<string, unknown> } {
  return isPlainObject(v) && Object.keys(v).length === 1 && isPlainObject(v.parameters);
}

export function flattenNested(raw: unknown): Flattened {
  const origin = new Map<string, PathSegment[]>();
  if (!isPlainObject(raw) || !isPlainObject(raw.parameters) || !Object.values(raw.parameters).some(isGroup)) return { raw, origin };
  const flat: Record<string, unknown> = {};
  const walk = (entries: Record<string, unknown>, prefix: string, path: PathSegment[]) => {
    for (const [k, v] of Object.entries(entries)) {
      const name = prefix === '' ? k : `${prefix}.${k}`;
      if (isGroup(v)) walk(v.parameters, name, [...path, k, 'parameters']);
      else {
        flat[name] = prefix !== '' ? inferNestedRange(v) : v;
        if (prefix !== '') origin.set(name, [...path, k]);
      }
    }
  };
  walk(raw.parameters, '', ['parameters']);
  return { raw: { ...raw, parameters: flat }, origin };
}

/** An issue path on the flat spec, mapped back to the nested file. */
export function originalPath(path: readonly PathSegment[], origin: ReadonlyMap<string, PathSegment[]>): PathSegment[] {
  if (path[0] !== 'parameters' || typeof path[1] !== 'string') return [...path];
  const at = origin.get(path[1]);
  return at === undefined ? [...path] : [...at, ...path.slice(2)];
}

/**
 * W&B's inference of `{min, max}` without a distribution, for nested entries (top-level
 * ones are inferred from their YAML text, infer-distribution.ts): int_uniform when both
 * bounds are whole numbers, uniform otherwise. Other entries are returned as they are.
 */
function inferNestedRange(v: unknown): unknown {
  if (!isPlainObject(v) || v.distribution !== undefined || v.value !== undefined || v.values !== undefined) return v;
  if (typeof v.min !== 'number' || typeof v.max !== 'number') return v;
  return { ...v, distribution: Number.isInteger(v.min) && Number.isInteger(v.max) ? 'int_uniform' : 'uniform' };
}
