import { isPlainObject } from './describe-value.js';
import { gridRangeCount, isGridRange, isNormalDistribution, isRangeDistribution } from './distributions.js';
import { checkKnobDraws } from './check-draws.js';
import { isDottedName } from './dotted-path.js';
import { isTrainKnob } from './knob-schemas.js';
import { MAX_TRIALS } from './spec-schema.js';
import type { SpecIssue } from './spec-issue.js';
import { knobsOfParameters, PARAMETER_NAME } from './knob-aliases.js';
import { paramColumnName } from './format-param.js';

/**
 * Checks that span sections (method vs parameters, metric vs data) and parameter names.
 * They run on the raw value even when other parts of the spec are broken, so one run
 * reports every problem; each check looks only at parts that are well formed.
 */
export function checkSpec(raw: unknown): SpecIssue[] {
  if (!isPlainObject(raw)) return [];
  const params = isPlainObject(raw.parameters) ? raw.parameters : {};
  const method = raw.method ?? 'grid';
  return [
    ...checkParameterNames(params, isPlainObject(raw.knobs) ? (raw.knobs as Record<string, string>) : {}),
    ...checkKnobDraws(params, method),
    ...(method === 'grid' ? checkGrid(params, raw.run_cap) : []),
    ...(method === 'random' && raw.run_cap === undefined
      ? [{ path: ['method'], message: 'method random needs run_cap: how many trials to draw' }]
      : []),
    ...(method === 'bayes' || method === 'tpe' ? checkModelBased(params, raw.run_cap, method) : []),
    ...checkValidationSplit(raw),
  ];
}

/**
 * Parameter names: a training knob, a dotted path into model/data, or a free-form name
 * (letters, digits, `_`, `-`, `.`) that reaches a model module's build(params) or a
 * `${name}` reference. Refused: other characters; two parameters driving one knob (a knob
 * and its alias, or two aliases); two names that become one column of the results view.
 */
function checkParameterNames(params: Record<string, unknown>, explicit: Record<string, string>): SpecIssue[] {
  const out: SpecIssue[] = [];
  const names = Object.keys(params).sort();
  for (const name of names) {
    if (isTrainKnob(name)) continue;
    if (isDottedName(name)) {
      // model.layers and model.layers.0.units would overwrite each other.
      const outer = names.find((other) => other !== name && isDottedName(other) && name.startsWith(`${other}.`));
      if (outer) out.push({ path: ['parameters', name], atKey: true, message: `overlaps parameters.${outer}: sweep the whole or the part, not both` });
      continue;
    }
    if (name === 'model' || name === 'data') {
      out.push({ path: ['parameters', name], atKey: true, message: `"${name}" alone is not a parameter: a dotted path goes below it, such as ${name === 'model' ? 'model.layers.0.activation' : 'data.validation_split'}` });
      continue;
    }
    if (!PARAMETER_NAME.test(name)) {
      out.push({ path: ['parameters', name], atKey: true, message: `parameter names are letters, digits, _, - and ., starting with a letter or _: got ${JSON.stringify(name)}` });
    }
  }
  const byKnob = new Map<string, string[]>();
  for (const [param, knob] of knobsOfParameters(names, explicit)) byKnob.set(knob, [...(byKnob.get(knob) ?? []), param]);
  for (const [knob, params] of byKnob) {
    if (params.length < 2) continue;
    out.push({ path: ['parameters', params[1]], atKey: true, message: `${params.join(' and ')} both drive the training knob ${knob}: keep one` });
  }
  const byColumn = new Map<string, string>();
  for (const name of names) {
    if (isDottedName(name)) continue;
    const col = paramColumnName(name).toLowerCase();
    const other = byColumn.get(col);
    if (other !== undefined) {
      out.push({ path: ['parameters', name], atKey: true, message: `${other} and ${name} would share the results column ${paramColumnName(name)}: rename one` });
    } else byColumn.set(col, name);
  }
  return out;
}

/**
 * A model-based search (bayes, tpe) needs run_cap (it has no natural end) and
 * distributions with bounds: the normal family has none for a Parzen estimator.
 */
function checkModelBased(params: Record<string, unknown>, runCap: unknown, method: string): SpecIssue[] {
  const out: SpecIssue[] = [];
  if (runCap === undefined) {
    out.push({ path: ['method'], message: `method ${method} needs run_cap: how many trials to train (for example run_cap: 50; the first 10 are random start-up trials)` });
  }
  for (const [name, p] of Object.entries(params)) {
    if (isPlainObject(p) && isNormalDistribution(p.distribution)) {
      out.push({
        path: ['parameters', name, 'distribution'],
        message: `method ${method} (TPE) cannot model ${String(p.distribution)}: it has no bounds; use a range such as uniform or log_uniform_values with min and max, or method: random`,
      });
    }
  }
  return out;
}

/** How many points a well-formed entry contributes to a grid; undefined if malformed. */
function gridCount(p: unknown): number | undefined {
  if (!isPlainObject(p)) return undefined;
  if (p.value !== undefined) return 1;
  if (Array.isArray(p.values) && p.values.length > 0) return p.values.length;
  const { min, max, q } = p;
  if (!isGridRange(p.distribution) || typeof min !== 'number' || typeof max !== 'number' || !(min < max)) return undefined;
  if (p.distribution === 'int_uniform') return Number.isInteger(min) && Number.isInteger(max) ? max - min + 1 : undefined;
  return q === undefined || (typeof q === 'number' && q > 0) ? gridRangeCount('q_uniform', min, max, q) : undefined;
}

/**
 * What a grid can expand: value, values, and the ranges W&B's grid turns into lists
 * (int_uniform, q_uniform); not probabilities, which only weight random draws.
 */
function checkGrid(params: Record<string, unknown>, runCap: unknown): SpecIssue[] {
  const out: SpecIssue[] = [];
  let size = 1;
  for (const [name, p] of Object.entries(params)) {
    if (isPlainObject(p) && isRangeDistribution(p.distribution) && !isGridRange(p.distribution)) {
      out.push({
        path: ['parameters', name, 'distribution'],
        message: `method grid cannot expand ${p.distribution} (a range, not a list of points): list the points with values, or use method: random with run_cap (a grid expands int_uniform and q_uniform ranges only)`,
      });
    }
    if (isPlainObject(p) && isNormalDistribution(p.distribution)) {
      out.push({
        path: ['parameters', name, 'distribution'],
        message: `method grid cannot expand ${p.distribution} (random draws, not a list of points): list the points with values, or use method: random with run_cap`,
      });
    }
    if (isPlainObject(p) && p.probabilities !== undefined) {
      out.push({
        path: ['parameters', name, 'probabilities'],
        message: 'a grid tries every value once, so probabilities would weight nothing: remove them, or use method: random with run_cap (W&B refuses them in a grid too)',
      });
    }
    size *= gridCount(p) ?? 1;
  }
  if (runCap === undefined && size > MAX_TRIALS) {
    out.push({
      path: ['parameters'],
      atKey: true,
      message: `the grid expands to ${size} trials, more than the limit of ${MAX_TRIALS}: list fewer values, or set run_cap to plan only the first run_cap trials`,
    });
  }
  return out;
}

function checkValidationSplit(raw: Record<string, unknown>): SpecIssue[] {
  const metric = isPlainObject(raw.metric) ? raw.metric.name : 'val_r2';
  const data = raw.data;
  if (typeof metric !== 'string' || !metric.startsWith('val_') || !isPlainObject(data) || data.validation_split !== 0) return [];
  return [
    {
      path: ['data', 'validation_split'],
      message: `is 0, but metric ${metric} is measured on the validation rows: set a fraction such as 0.3`,
    },
  ];
}
