import { specErrorAt } from '../config/load-spec.js';
import type { SpecIssue } from '../config/spec-issue.js';
import type { LoadedSpec, Loss } from '../config/types.js';
import { classifierWidth } from '../tasks/classifier-width.js';
import type { Dataset } from '../core/dataset.js';
import type { PlannedTrial } from '../planner/trial.js';

/**
 * The model-module half of the preflight (preflight.ts checks layer lists without
 * TensorFlow.js): each distinct module is built once, with the first of its trials'
 * parameters, on the cpu backend in this thread, and its input and output widths are
 * checked against the data. A module that throws, returns no model, or does not fit the
 * data is a SpecError at `model.module` (exit 2) before `run` creates anything. Only
 * specs with a module pay for loading TensorFlow.js here. `datasets`: preflight()'s map.
 */
export async function preflightModels(loaded: LoadedSpec, trials: readonly PlannedTrial[], datasets: ReadonlyMap<string, Dataset>): Promise<void> {
  const firstOf = new Map<string, { trial: PlannedTrial; data: Dataset }>();
  for (const t of trials) {
    if (!('module' in t.model)) continue;
    const key = `${t.model.module}|${JSON.stringify(t.data)}`;
    const data = datasets.get(JSON.stringify(t.data));
    if (data !== undefined && !firstOf.has(key)) firstOf.set(key, { trial: t, data });
  }
  if (firstOf.size === 0) return;
  const tf = await import('@tensorflow/tfjs');
  const { loadUserModel } = await import('../train/user-model.js');
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const issues: SpecIssue[] = [];
  for (const { trial, data } of firstOf.values()) {
    const module = (trial.model as { module: string }).module;
    const at = `trial ${trial.idx}'s parameters`;
    let problem: string | null = null;
    try {
      const model = await loadUserModel(module, trial.params);
      problem = shapeProblem(model.inputs.map((i) => i.shape), model.outputs.map((o) => o.shape), data, trial.train.loss);
      model.dispose();
    } catch (e) {
      problem = `build() failed with ${at}: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (problem !== null) issues.push({ path: ['model', 'module'], message: problem });
  }
  if (issues.length > 0) throw specErrorAt(loaded, issues);
}

/** What is wrong with a built model's shapes for `data`, or null when it fits. */
export function shapeProblem(inputs: (number | null)[][], outputs: (number | null)[][], data: Dataset, loss: Loss): string | null {
  const nIn = data.inputCols.length;
  const nOut = data.classes !== undefined ? classifierWidth(data.classes.length, loss) : data.targetCols.length;
  if (inputs.length !== 1 || outputs.length !== 1) {
    return `the model has ${inputs.length} input(s) and ${outputs.length} output(s); tfsweep trains models with one of each`;
  }
  const inWidth = inputs[0][inputs[0].length - 1];
  if (inWidth !== null && inWidth !== nIn) {
    return `the model takes ${inWidth} value${inWidth === 1 ? '' : 's'} per row but the data has ${nIn} input column${nIn === 1 ? '' : 's'}`;
  }
  const outWidth = outputs[0][outputs[0].length - 1];
  if (outWidth !== null && outWidth !== nOut) {
    if (data.classes !== undefined) return `the model outputs ${outWidth} value${outWidth === 1 ? '' : 's'} per row but a classifier of these ${data.classes.length} classes needs ${nOut} (${loss})`;
    const targets = data.autoencoder ? 'its inputs (an autoencoder)' : data.targetCols.map((c) => data.columnNames[c]).join(', ');
    return `the model outputs ${outWidth} value${outWidth === 1 ? '' : 's'} per row but the data has ${nOut} target column${nOut === 1 ? '' : 's'} (${targets})`;
  }
  return null;
}
