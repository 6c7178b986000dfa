import { isPlainObject } from './describe-value.js';
import { gridRangeCount, isGridRange, isNormalDistribution, isRangeDistribution } from './distributions.js';
import { checkKnobDraws } from './check-draws.js';
import { isDottedName } from './dotted-path.js';
import { isTrainKnob, TRAIN_KNOBS } from './knob-schemas.js';
import { MAX_TRIALS } from './spec-schema.js';
import type { SpecIssue } from './spec-issue.js';
import { didYouMean } from './suggest.js';

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
    ...checkParameterNames(params),
    ...checkKnobDraws(params, method),
    ...(method === 'grid' ? checkGrid(params, raw.run_cap) : []),
    ...(method === 'random' && raw.run_cap === undefined
      ? [{ path: ['method'], message: 'method random needs run_cap: how many trials to draw' }]
      : []),
    ...checkValidationSplit(raw),
  ];
}

function checkParameterNames(params: Record<string, unknown>): SpecIssue[] {
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
    const hint = name === 'model' || name === 'data' ? ` (a dotted path goes below it, such as ${name === 'model' ? 'model.layers.0.activation' : 'data.validation_split'})` : didYouMean(name, TRAIN_KNOBS);
    out.push({
      path: ['parameters', name],
      atKey: true,
      message: `unknown parameter "${name}"${hint}; parameters are the training knobs ${TRAIN_KNOBS.join(', ')}, or dotted paths into model/data such as model.layers.0.activation`,
    });
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
