import { isPlainObject } from './describe-value.js';
import type { PathSegment } from './spec-issue.js';

/** `${name}`: a YAML string that is exactly one reference takes the parameter's value and type. */
const REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/;

export interface Reference {
  name: string;
  /** Path inside the model section (['layers', 0, 'units']). */
  path: (string | number)[];
}

/** Every `${name}` string in a raw model section, in document order. Pure. */
export function findReferences(model: unknown): Reference[] {
  const out: Reference[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (typeof node === 'string') {
      const m = REFERENCE.exec(node);
      if (m) out.push({ name: m[1], path });
    } else if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
    else if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(model, []);
  return out;
}

/** A copy of `node` with the value at `path` replaced (lists and mappings copied on the way). */
export function replaceAt(node: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[head as number] = replaceAt(copy[head as number], rest, value);
    return copy;
  }
  const obj = isPlainObject(node) ? node : {};
  return { ...obj, [head]: replaceAt(obj[head as string], rest, value) };
}

export type { PathSegment };
