import type { z } from 'zod';
import { describeValue } from './describe-value.js';
import { allowedKeysAt } from './schema-walk.js';
import type { PathSegment, SpecIssue } from './spec-issue.js';
import { didYouMean } from './suggest.js';

/**
 * Turns zod's issues into SpecIssues in tfsweep's wording:
 * - an unknown key becomes one issue per key, located at the key, naming the closest
 *   allowed key and listing them all;
 * - a failed union reports the option the value was evidently meant for (the one whose
 *   complaints reach deepest into it), not a summary of every option.
 */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, input: unknown, prefix: PathSegment[] = []): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const issue of issues) collect(issue, [], out, schema, input);
  return out.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
}

function collect(issue: z.core.$ZodIssue, base: PathSegment[], out: SpecIssue[], schema: z.ZodType, input: unknown): void {
  const path = [...base, ...(issue.path as PathSegment[])];
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(schema, path, input);
    for (const key of issue.keys) {
      const list = allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '';
      out.push({ path: [...path, key], atKey: true, message: `unknown key "${key}"${didYouMean(key, allowed)}${list}` });
    }
    return;
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const depth = (branch: readonly z.core.$ZodIssue[]) => (branch.length === 0 ? -1 : Math.min(...branch.map((i) => i.path.length)));
    const meant = issue.errors.filter((branch) => !branch.some(isOtherOption));
    let best: readonly z.core.$ZodIssue[] | undefined = meant.length === 1 && meant.length < issue.errors.length ? meant[0] : undefined;
    if (!best) for (const branch of meant) if (depth(branch) > 0 && (!best || depth(branch) > depth(best))) best = branch;
    if (best) {
      for (const inner of best) collect(inner, path, out, schema, input);
      return;
    }
  }
  out.push({ path, message: issue.message });
}

/**
 * The `params` flag of an issue by which a union option says the value belongs to another
 * option (a generic layer given `type: dense`): that option's complaints are never the ones
 * reported, and when one option is left, its complaints are, however shallow.
 */
export const OTHER_OPTION = 'tfsweepOtherOption';

function isOtherOption(issue: z.core.$ZodIssue): boolean {
  const params = (issue as { params?: Record<string, unknown> }).params;
  return params?.[OTHER_OPTION] === true;
}

/**
 * Per-parse fallback wording for the few issues no schema words itself (objects given
 * where a list belongs, strings that are too long, and the like).
 */
export function fallbackMessage(iss: { code?: string; input?: unknown; expected?: string; origin?: string; minimum?: unknown; maximum?: unknown }): string | undefined {
  const got = describeValue(iss.input);
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? `missing, expected ${article(iss.expected)}` : `expected ${article(iss.expected)}, got ${got}`;
    case 'too_small':
      return iss.origin === 'array' ? `expected at least ${iss.minimum} item(s), got ${got}` : undefined;
    case 'too_big':
      return iss.origin === 'array' ? `expected at most ${iss.maximum} item(s), got ${got}` : undefined;
    default:
      return undefined;
  }
}

function article(expected: string | undefined): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'a mapping';
    case 'array':
      return 'a list';
    case undefined:
      return 'a value';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}
