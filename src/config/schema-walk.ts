import type { z } from 'zod';
import { isPlainObject } from './describe-value.js';
import type { PathSegment } from './spec-issue.js';

/**
 * Finds the keys a strict object allows at a path of the input, by walking the zod
 * schema alongside the value (unions are resolved by their tag, or by the value's
 * shape). Used to list the allowed keys next to an unknown one.
 */

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  options?: Schema[];
  discriminator?: string;
  values?: unknown[];
  valueType?: Schema;
  getter?: () => Schema;
}
type Schema = { _zod: { def: Def } };

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(s: Schema): Schema {
  for (;;) {
    const def = s._zod.def;
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else return s;
  }
}

/** True when a tagged union (possibly nested in a plain one) has an option for the value's tag. */
function tagMatches(s: Schema, value: unknown): boolean {
  const def = s._zod.def;
  if (def.type !== 'union' || !def.options || !isPlainObject(value)) return false;
  const options = def.options.map(unwrap);
  if (def.discriminator) {
    const tag = value[def.discriminator];
    return options.some((o) => o._zod.def.shape?.[def.discriminator as string]?._zod.def.values?.includes(tag));
  }
  return options.some((o) => tagMatches(o, value));
}

/**
 * The union option that fits the value: by tag when tagged (also a tagged union inside a
 * plain one, such as the layer union: dense, dropout, or any other layer), else the first
 * of the right kind.
 */
function pickOption(s: Schema, value: unknown): Schema {
  const def = s._zod.def;
  if (def.type !== 'union' || !def.options) return s;
  const options = def.options.map(unwrap);
  if (def.discriminator && isPlainObject(value)) {
    const tag = value[def.discriminator];
    const hit = options.find((o) => o._zod.def.shape?.[def.discriminator as string]?._zod.def.values?.includes(tag));
    if (hit) return pickOption(hit, value);
  }
  const tagged = options.find((o) => tagMatches(o, value));
  if (tagged) return pickOption(tagged, value);
  const kind = Array.isArray(value) ? 'array' : isPlainObject(value) ? 'object' : undefined;
  const hit = kind && options.find((o) => o._zod.def.type === kind);
  return hit ? pickOption(hit, value) : s;
}

export function allowedKeysAt(schema: z.ZodType, path: readonly PathSegment[], input: unknown): string[] {
  let s = pickOption(unwrap(schema as unknown as Schema), input);
  let value = input;
  for (const seg of path) {
    const def = s._zod.def;
    let next: Schema | undefined;
    if (def.type === 'object') next = def.shape?.[String(seg)] ?? def.catchall;
    else if (def.type === 'array') next = def.element;
    else if (def.type === 'record') next = def.valueType;
    if (!next) return [];
    value = (value as Record<string, unknown> | undefined)?.[seg as string];
    s = pickOption(unwrap(next), value);
  }
  return s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape ?? {}) : [];
}
