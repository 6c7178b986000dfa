import { z } from 'zod';
import { isPlainObject } from './describe-value.js';
import { isTrainKnob, KNOB_ITEM_SCHEMAS } from './knob-schemas.js';
import { parameterSchema } from './parameter-schema.js';
import { probeProblems } from './parameter-probes.js';
import type { RawParameter } from './parameter-shape.js';
import type { SpecIssue } from './spec-issue.js';

const SHAPE = parameterSchema(z.unknown());

/**
 * Whether every value a knob's distribution can draw is one the knob takes (epochs whole,
 * momentum in [0, 1), ...). Runs on the raw parameters with the spec's method, since a grid
 * takes other points from q_uniform than random draws; entries that are not well formed are
 * left to the schema's own messages. Dotted parameters get the same check in check-dotted.ts.
 */
export function checkKnobDraws(params: Record<string, unknown>, method: unknown): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const name of Object.keys(params).sort()) {
    const p = params[name];
    if (!isTrainKnob(name) || !isPlainObject(p) || p.distribution === undefined || !SHAPE.safeParse(p).success) continue;
    for (const problem of probeProblems(p as RawParameter, KNOB_ITEM_SCHEMAS[name], method)) {
      out.push({ path: ['parameters', name, ...problem.path], message: problem.message });
    }
  }
  return out;
}
