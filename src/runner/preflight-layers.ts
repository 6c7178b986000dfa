import { canonicalJson } from '../config/canonical-json.js';
import { parseDottedPath } from '../config/dotted-path.js';
import { formatParamValue } from '../config/format-param.js';
import { formatPath, type PathSegment, type SpecIssue } from '../config/spec-issue.js';
import type { LayerSpec, Loss, ParameterSpec, ParamValue, SweepSpec } from '../config/types.js';
import type { Dataset } from '../core/dataset.js';
import type { PlannedTrial } from '../planner/trial.js';
import { classifierWidth } from '../tasks/classifier-width.js';
import { needsBuiltCheck } from './preflight.js';

/**
 * The layer-list half of the TensorFlow.js preflight: each distinct layer list that needs
 * TensorFlow.js to be judged (a layer other than dense and dropout, or shaped inputs) is
 * built once, on the cpu backend in this thread, as its trials will build it, and run on a
 * probe batch (train/layers/check-layer-list.ts). What TensorFlow.js refuses (an unknown
 * type or option, a value, a layer that does not fit the one before) and an output that
 * does not fit the targets come back as issues located in the spec: at the layer's key
 * (`model.layers[2].kernel_size`), or, when a swept parameter put the value there, at that
 * parameter's value. Only specs with such lists load TensorFlow.js: for the others this
 * returns at once. `datasets`: preflight()'s map.
 */
export async function preflightLayers(spec: SweepSpec, trials: readonly PlannedTrial[], datasets: ReadonlyMap<string, Dataset>): Promise<SpecIssue[]> {
  const firstOf = new Map<string, { trial: PlannedTrial; layers: LayerSpec[]; data: Dataset }>();
  for (const t of trials) {
    const dataKey = JSON.stringify(t.data);
    const data = datasets.get(dataKey);
    if (!('layers' in t.model) || data === undefined || !needsBuiltCheck(t.model, data)) continue;
    const key = `${canonicalJson(t.model)}|${dataKey}|${t.train.loss}`;
    if (!firstOf.has(key)) firstOf.set(key, { trial: t, layers: t.model.layers, data });
  }
  if (firstOf.size === 0) return [];
  const tf = await import('@tensorflow/tfjs');
  const { checkLayerList } = await import('../train/layers/check-layer-list.js');
  const { resolveClassUnits } = await import('../train/build-model.js');
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const issues: SpecIssue[] = [];
  for (const { trial, layers, data } of firstOf.values()) {
    const nOut = outputWidth(data, trial.train.loss);
    const check = checkLayerList(resolveClassUnits(layers, nOut), data.inputCols.length, data.inputShape, trial.train.seed);
    const found: SpecIssue[] = check.issues.map((i) => ({ path: ['model', 'layers', i.layer, ...i.path], message: i.message, atKey: i.atKey }));
    if (found.length === 0 && check.outputShape !== undefined) {
      const width = outputIssue(check.outputShape, layers, data, trial.train.loss);
      if (width !== null) found.push(width);
    }
    for (const issue of found) {
      const located = atSweptValue(issue, trial, spec);
      if (!issues.some((i) => i.message === located.message && formatPath(i.path) === formatPath(located.path))) issues.push(located);
    }
  }
  return issues;
}

function outputWidth(data: Dataset, loss: Loss): number {
  return data.classes !== undefined ? classifierWidth(data.classes.length, loss) : data.targetCols.length;
}

/** What the built model outputs per row against what the targets need, or null when they agree. */
function outputIssue(shape: readonly (number | null)[], layers: readonly LayerSpec[], data: Dataset, loss: Loss): SpecIssue | null {
  const nOut = outputWidth(data, loss);
  const row = shape.slice(1);
  const width = row.reduce<number>((a, d) => a * (d ?? NaN), 1);
  if (width === nOut) return null;
  const last = layers.length - 1;
  const hasUnits = Object.prototype.hasOwnProperty.call(layers[last], 'units');
  const shown = row.length > 1 ? ` (shape [${row.join(', ')}])` : '';
  const what = data.classes !== undefined
    ? `a classifier of these ${data.classes.length} classes needs ${nOut} (${loss}): end with {type: dense, units: classes}`
    : `the data has ${nOut} target column${nOut === 1 ? '' : 's'} (${data.autoencoder ? 'its inputs (an autoencoder)' : data.targetCols.map((c) => data.columnNames[c]).join(', ')}): ` +
      `end with a layer of that width, such as {type: dense, units: ${data.autoencoder ? 'input' : nOut}}`;
  const flatten = row.length > 1 ? ' (after a flatten, or a global pooling layer)' : '';
  return {
    path: hasUnits ? ['model', 'layers', last, 'units'] : ['model', 'layers', last],
    message: `the model outputs ${Number.isNaN(width) ? 'a varying number of' : width} value${width === 1 ? '' : 's'} per row${shown} but ${what}${flatten}`,
  };
}

/**
 * An issue inside a value a swept parameter sets (`model.layers.1.filters`, or a whole
 * `model.layers.1`) is that parameter's: it is located at the value in `values` (or
 * `value`) that the first trial with the problem took, and says so.
 */
function atSweptValue(issue: SpecIssue, trial: PlannedTrial, spec: SweepSpec): SpecIssue {
  let best: { name: string; depth: number } | null = null;
  const inner: string[] = [];
  for (const name of Object.keys(spec.parameters)) {
    const p = parseDottedPath(name);
    if (p === undefined || p.root !== 'model') continue;
    const own: PathSegment[] = ['model', ...p.segments];
    const inside = own.length <= issue.path.length && own.every((s, i) => s === issue.path[i]);
    if (inside && (best === null || own.length > best.depth)) best = { name, depth: own.length };
    if (own.length > issue.path.length && issue.path.every((s, i) => s === own[i])) inner.push(name);
  }
  // A problem of a whole layer some of whose options are swept: which value caused it is not
  // known, so it stays at the layer and names the values its trial took.
  if (best === null && inner.length > 0) {
    return { ...issue, message: `with ${inner.map((n) => `${n} = ${formatParamValue(trial.params[n])}`).join(', ')}: ${issue.message}` };
  }
  if (best === null) return issue;
  const value = trial.params[best.name];
  const where = valuePath(spec.parameters[best.name], value);
  const below = issue.path.length > best.depth ? ` (at ${formatPath(issue.path)})` : '';
  return { path: ['parameters', best.name, ...where], message: `with ${best.name} = ${formatParamValue(value)}${below}: ${issue.message}` };
}

/** Where a value sits in a parameter entry: ['values', i], ['value'], or [] for a drawn one. */
function valuePath(p: ParameterSpec | undefined, value: ParamValue): PathSegment[] {
  if (p === undefined) return [];
  if (p.kind === 'value') return ['value'];
  if (p.kind === 'values' || p.kind === 'categorical') {
    const i = p.values.findIndex((v) => canonicalJson(v) === canonicalJson(value));
    return i >= 0 ? ['values', i] : [];
  }
  return [];
}
