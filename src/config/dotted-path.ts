/**
 * Dotted parameter paths (`model.layers.0.activation`, `data.validation_split`): parsing,
 * resolution against a normalized model/data, and immutable assignment. Pure.
 */

/** The sections a dotted parameter may point into. */
export const DOTTED_ROOTS = ['model', 'data'] as const;
export type DottedRoot = (typeof DOTTED_ROOTS)[number];

export interface DottedPath {
  root: DottedRoot;
  /** Keys and list indices below the root (indices as numbers). */
  segments: (string | number)[];
}

/** True when a parameter name is meant as a dotted path (starts with `model.` or `data.`). */
export function isDottedName(name: string): boolean {
  return DOTTED_ROOTS.some((r) => name.startsWith(`${r}.`));
}

/** Splits `model.layers.0.activation`; canonical decimal segments become list indices. */
export function parseDottedPath(name: string): DottedPath | undefined {
  const [root, ...rest] = name.split('.');
  if (!(DOTTED_ROOTS as readonly string[]).includes(root) || rest.length === 0 || rest.some((s) => s === '')) return undefined;
  return { root: root as DottedRoot, segments: rest.map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s)) };
}

export type Resolution =
  | { ok: true }
  | { ok: false; /** how many segments resolved */ depth: number; /** keys available where it stopped */ available: string[]; reason: string };

/**
 * Checks that every segment of the path exists in `section` (the normalized model or
 * data, where every optional field with a default is present).
 */
export function resolveDottedPath(section: unknown, segments: readonly (string | number)[]): Resolution {
  let node: unknown = section;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (Array.isArray(node)) {
      if (typeof seg !== 'number' || seg >= node.length) {
        const range = node.length === 0 ? 'is an empty list' : `has ${node.length} item(s), expected an index from 0 to ${node.length - 1}`;
        return { ok: false, depth: i, available: [], reason: `${range}, got "${seg}"` };
      }
      node = node[seg];
    } else if (typeof node === 'object' && node !== null) {
      const obj = node as Record<string, unknown>;
      const key = String(seg);
      if (!Object.prototype.hasOwnProperty.call(obj, key) || obj[key] === undefined) {
        return { ok: false, depth: i, available: Object.keys(obj).filter((k) => obj[k] !== undefined).sort(), reason: `has no key "${key}"` };
      }
      node = obj[key];
    } else {
      return { ok: false, depth: i, available: [], reason: 'is a single value, not a mapping or list' };
    }
  }
  return { ok: true };
}

export function getAtPath(section: unknown, segments: readonly (string | number)[]): unknown {
  let node = section;
  for (const seg of segments) node = (node as Record<string | number, unknown>)[seg];
  return node;
}

/** Returns a copy of `section` with the value at `segments` replaced; the input is untouched. */
export function setAtPath<T>(section: T, segments: readonly (string | number)[], value: unknown): T {
  if (segments.length === 0) return value as T;
  const [head, ...rest] = segments;
  if (Array.isArray(section)) {
    const copy = section.slice();
    copy[head as number] = setAtPath(copy[head as number], rest, value);
    return copy as T;
  }
  const obj = section as Record<string, unknown>;
  return { ...obj, [head]: setAtPath(obj[head as string], rest, value) } as T;
}

/** Human form of a path prefix: `model.layers.0`. */
export function joinDotted(root: DottedRoot, segments: readonly (string | number)[]): string {
  return [root, ...segments.map(String)].join('.');
}
