import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { didYouMean } from './suggest.js';

/**
 * Leaf schemas that say what they expect in the user's words. Every message has the
 * form `expected <what>, got <value>` (or `missing, expected <what>` for an absent key),
 * so problems read the same wherever they come from.
 */

interface RawIssue {
  code?: string;
  input?: unknown;
}

/** Zod error option: `expected <what>, got <value>`. */
/**
 * `hint`, when given, may add a sentence for the value the user wrote (the fix for a
 * common slip, such as `batch_size: 32` where `{value: 32}` is meant).
 */
export function expecting(what: string, hint?: (input: unknown) => string | undefined): { error: (iss: RawIssue) => string } {
  return {
    error: (iss) => {
      const tip = iss.input === undefined ? undefined : hint?.(iss.input);
      return expectationMessage(what, iss.input) + (tip === undefined ? '' : `: ${tip}`);
    },
  };
}

export function expectationMessage(what: string, input: unknown): string {
  return input === undefined ? `missing, expected ${what}` : `expected ${what}, got ${describeValue(input)}`;
}

/** Zod 4 numbers are finite: NaN and ±Infinity (YAML `.nan`, `.inf`) are refused here. */
export function finiteNumber(what = 'a number'): z.ZodNumber {
  return z.number(expecting(what));
}

export function positiveNumber(what = 'a positive number'): z.ZodNumber {
  return z.number(expecting(what)).positive(expecting(what));
}

export function nonNegativeNumber(what = 'a number >= 0'): z.ZodNumber {
  return z.number(expecting(what)).nonnegative(expecting(what));
}

/** A number in [min, max) — the shape of every fraction in the spec. */
export function fraction(min = 0, max = 1): z.ZodNumber {
  const what = `a number in [${min}, ${max})`;
  return z.number(expecting(what)).gte(min, expecting(what)).lt(max, expecting(what));
}

/** An integer in [min, max]; `what` reads "a whole number >= 1" when max is the default. */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER): z.ZodNumber {
  const what = max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`;
  return z.number(expecting(what)).int(expecting(what)).gte(min, expecting(what)).lte(max, expecting(what));
}

/** One of a fixed list of words, with a "did you mean" for near misses. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T): z.ZodEnum<{ [K in T[number]]: K }> {
  const what = `one of ${values.join(', ')}`;
  return z.enum(values, {
    error: (iss: RawIssue) => {
      const hint = typeof iss.input === 'string' ? didYouMean(iss.input, values) : '';
      return `${expectationMessage(what, iss.input)}${hint}`;
    },
  }) as unknown as z.ZodEnum<{ [K in T[number]]: K }>;
}

/**
 * One of a fixed list of lowercase words in any letter case, as Keras's `optimizers.get`
 * matches class names (`Adam`, `RMSprop`): the parsed value is the canonical lowercase
 * word, so everything after validation (duplicate checks, the stored value, trial keys)
 * sees one spelling. The JSON Schema lists `values` and the mixed-case `spellings`;
 * messages list `values` only.
 */
export function oneOfAnyCase<const T extends readonly [string, ...string[]]>(values: T, spellings: readonly string[]): z.ZodType<T[number], string> {
  const what = `one of ${values.join(', ')}`;
  const canonical = new Set<string>(values);
  const message = (iss: RawIssue) => {
    const hint = typeof iss.input === 'string' ? didYouMean(iss.input, values) : '';
    return `${expectationMessage(what, iss.input)}${hint}`;
  };
  return z
    .string({ error: message })
    .refine((s) => canonical.has(s.toLowerCase()), { error: message })
    .transform((s) => s.toLowerCase() as T[number])
    .meta({ enum: [...values, ...spellings] });
}

export function literal<const T extends string>(value: T): z.ZodLiteral<T> {
  return z.literal(value, expecting(JSON.stringify(value)));
}

export function bool(): z.ZodBoolean {
  return z.boolean(expecting('true or false'));
}

export function text(what = 'text'): z.ZodString {
  return z.string(expecting(what));
}

/**
 * A mapping told apart by one key (`type: dense`). A missing or unknown tag reports the
 * allowed tags at the tag's own location.
 */
export function tagged<K extends string, const O extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  key: K,
  tags: readonly string[],
  options: O,
): z.ZodDiscriminatedUnion<O, K> {
  return z.discriminatedUnion(key, options, {
    error: (iss: RawIssue) => {
      const input = iss.input;
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        return expectationMessage(`a mapping with ${key}: ${tags.join(' | ')}`, input);
      }
      const tag = (input as Record<string, unknown>)[key];
      const hint = typeof tag === 'string' ? didYouMean(tag, tags) : '';
      return `${expectationMessage(`${key} ${tags.join(' or ')}`, tag)}${hint}`;
    },
  });
}
