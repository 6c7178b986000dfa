import { specErrorAt } from '../config/load-spec.js';
import { closestName } from '../config/suggest.js';
import type { SpecIssue } from '../config/spec-issue.js';
import { isDenseLayer, isGenericLayer, type DataSpec, type LayerSpec, type Loss, type LoadedSpec, type ModelSpec } from '../config/types.js';
import { classifierWidth } from '../tasks/classifier-width.js';
import type { Dataset } from '../core/dataset.js';
import { buildDataset } from '../data/build-dataset.js';
import { DataError } from '../errors.js';
import type { PlannedTrial } from '../planner/trial.js';

/**
 * Everything about a sweep that can be checked before anything is trained or stored:
 * each distinct data section of the trials is read (its target columns exist, its values
 * are numbers, the split leaves training rows), and each dense and dropout list's output
 * width fits the number of target columns (other layer lists, and shaped inputs, are built
 * by preflight-layers.ts, which needs TensorFlow.js). Throws a SpecError (exit 2) located in the spec, so
 * `plan` and `run` refuse the sweep before `run` creates it. Returns the datasets read,
 * by the JSON of their data section (in SharedArrayBuffers with `shared`, ready for the pool).
 */
export function preflight(loaded: LoadedSpec, trials: readonly PlannedTrial[], options: { shared?: boolean } = {}): Map<string, Dataset> {
  const issues: SpecIssue[] = [];
  const datasets = new Map<string, Dataset>();
  const seenModels = new Set<string>();
  for (const t of trials) {
    const key = JSON.stringify(t.data);
    if (!datasets.has(key) && !issues.some((i) => i.path[0] === 'data')) {
      try {
        datasets.set(key, buildDataset(t.data, { shared: options.shared === true }));
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        issues.push(dataIssue(e, t.data));
        continue;
      }
    }
    const data = datasets.get(key);
    const modelKey = `${key}|${JSON.stringify(t.model)}|${t.train.loss}`;
    if (!data || seenModels.has(modelKey)) continue;
    seenModels.add(modelKey);
    const issue = widthIssue(t.model, data, t.train.loss);
    if (issue && !issues.some((i) => i.message === issue.message)) issues.push(issue);
  }
  if (issues.length > 0) throw specErrorAt(loaded, issues);
  return datasets;
}

/** Where in the spec a data problem belongs, with a did-you-mean for a misspelled column. */
function dataIssue(e: DataError, data: DataSpec): SpecIssue {
  if (e.code === 'E_DATA_TARGET' && Array.isArray(data.target)) {
    const m = /no column named "([^"]*)"/.exec(e.message);
    const columns = /\(columns: ([^)]*)\)/.exec(e.message)?.[1].split(', ') ?? [];
    const at = m ? data.target.indexOf(m[1]) : -1;
    const hint = m ? closestName(m[1], columns) : undefined;
    return { path: at >= 0 ? ['data', 'target', at] : ['data', 'target'], message: `${e.message}${hint ? `; did you mean "${hint}"?` : ''}` };
  }
  if (e.code === 'E_DATA_SHAPE') return { path: ['data', data.input_shape !== undefined ? 'input_shape' : 'path'], message: e.message };
  if (e.code === 'E_DATA_LABEL') return { path: ['data', /data\.classes/.test(e.message) && data.classes ? 'classes' : 'target'], message: e.message };
  return { path: ['data', data.path !== undefined ? 'path' : 'generate'], message: e.message };
}

/**
 * The width a dense and dropout list outputs for `nIn` flat inputs: its last dense layer's
 * units (all of them for none). Lists with other layers, or shaped inputs, are measured on
 * the built model instead (preflight-layers.ts).
 */
export function outputWidth(layers: readonly LayerSpec[], nIn: number): { width: number; layer: number | null } {
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i];
    if (isDenseLayer(l)) return { width: l.units === 'input' ? nIn : l.units === 'classes' ? -1 : l.units, layer: i };
  }
  return { width: nIn, layer: null };
}

/** True when checking a trial's layer list takes TensorFlow.js: a layer other than dense and dropout, or shaped inputs. */
export function needsBuiltCheck(model: ModelSpec, data: Pick<Dataset, 'inputShape'>): boolean {
  return 'layers' in model && (data.inputShape !== undefined || model.layers.some(isGenericLayer));
}

function widthIssue(model: ModelSpec, data: Dataset, loss: Loss): SpecIssue | null {
  if (!('layers' in model) || needsBuiltCheck(model, data)) return null;
  const nIn = data.inputCols.length;
  const nOut = data.classes !== undefined ? classifierWidth(data.classes.length, loss) : data.targetCols.length;
  const { width, layer } = outputWidth(model.layers, nIn);
  // `units: classes` (-1) is the classifier's width by definition.
  if (width === nOut || (width === -1 && data.classes !== undefined)) return null;
  if (data.classes !== undefined) {
    const what = loss === 'binary_crossentropy' ? 'binary_crossentropy needs one output unit' : `the data has ${data.classes.length} classes`;
    return {
      path: layer === null ? ['model', 'layers'] : ['model', 'layers', layer, 'units'],
      message: `the model outputs ${width} value${width === 1 ? '' : 's'} per row but ${what}: the last dense layer needs units: classes (or ${nOut})`,
    };
  }
  const targets = data.autoencoder ? 'its inputs (an autoencoder)' : data.targetCols.map((c) => data.columnNames[c]).join(', ');
  return {
    path: layer === null ? ['model', 'layers'] : ['model', 'layers', layer, 'units'],
    message: `the model outputs ${width} value${width === 1 ? '' : 's'} per row but the data has ${nOut} target column${nOut === 1 ? '' : 's'} (${targets}): ` +
      `the last dense layer needs units: ${data.autoencoder ? 'input' : nOut}`,
  };
}
