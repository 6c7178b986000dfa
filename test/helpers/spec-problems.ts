import { SpecError } from '../../src/errors.js';

/**
 * The located problems a spec load throws, as `line:col  path: message` lines; [] when it
 * loads. Any other error is rethrown.
 */
export function specProblems(load: () => unknown): string[] {
  try {
    load();
  } catch (e) {
    if (e instanceof SpecError) return e.problems.map((p) => `${p.line}:${p.col}  ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}
