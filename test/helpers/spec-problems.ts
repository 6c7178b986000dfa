import { SpecError } from '../../src/errors.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import type { LoadedSpec } from '../../src/config/types.js';

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

/** A minimal valid spec (generated data, one dense layer) to which tests add a `parameters:` block. */
export const PARAMETERS_BASE = `name: s
data:
  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 100, cols: 4}
model:
  layers: [{type: dense, units: input}]
`;

/** Loads PARAMETERS_BASE with `parameters` (indented YAML lines) as its parameters block. */
export function loadWithParameters(parameters: string): LoadedSpec {
  return loadSpecText(`${PARAMETERS_BASE}parameters:\n${parameters}`, 'spec.yaml', '/specs');
}

/** The located problems of loadWithParameters(parameters). */
export function parameterProblems(parameters: string): string[] {
  return specProblems(() => loadWithParameters(parameters));
}
