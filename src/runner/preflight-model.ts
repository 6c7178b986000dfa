import { specErrorAt } from '../config/load-spec.js';
import type { SpecIssue } from '../config/spec-issue.js';
import type { LoadedSpec, Loss } from '../config/types.js';
import { classifierWidth } from '../tasks/classifier-width.js';
import type { Dataset } from '../core/dataset.js';
import type { PlannedTrial } from '../planner/trial.js';
import { preflightLayers } from './preflight-layers.js';

/**
 * The TensorFlow.js half of the preflight (preflight.ts checks dense and dropout lists
 * without it), run by `plan` and `run` after preflight(): layer lists with other layers or
 * shaped inputs (preflight-layers.ts), and model modules: each distinct module is built
 * once, with the first of its trials' parameters, on the cpu backend in this thread, and
 * its input and output widths are checked against the data. A module that throws, returns
 * no model, or does not fit the data is a problem at `model.module`. Every problem found
 * makes one SpecError (exit 2) before `run` creates anything. Only specs with a module or
 * such a layer list pay for loading TensorFlow.js here. `datasets`: preflight()'s map.
 */
export async function preflightModels(loaded: LoadedSpec, trials: readonly PlannedTrial[], datasets: ReadonlyMap<string, Dataset>): Promise<void> {
  const issues = await preflightLayers(loaded.spec, trials, datasets);
  issues.push(...await moduleIssues(trials, datasets));
  if (issues.length > 0) throw specErrorAt(loaded, issues);
}

async function moduleIssues(trials: readonly PlannedTrial[], datasets: ReadonlyMap<string, Dataset>): Promise<SpecIssue[]> {
  const firstOf = new Map<string, { trial: PlannedTrial; data: Dataset }>();
  for (const t of trials) {
    if (!('module' in t.model)) continue;
    const key = `${t.model.module}|${JSON.stringify(t.data)}`;
    const data = datasets.get(JSON.stringify(t.data));
    if (data !== undefined && !firstOf.has(key)) firstOf.set(key, { trial: t, data });
  }
  if (firstOf.size === 0) return [];
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
  return issues;
}

/** What is wrong with a built model's shapes for `data`, or null when it fits. */
export function shapeProblem(inputs: (number | null)[][], outputs: (number | null)[][], data: Dataset, loss: Loss): string | null {
  const nIn = data.inputCols.length;
  const nOut = data.classes !== undefined ? classifierWidth(data.classes.length, loss) : data.targetCols.length;
  if (inputs.length !== 1 || outputs.length !== 1) {
    return `the model has ${inputs.length} input(s) and ${outputs.length} output(s); tfsweep trains models with one of each`;
  }
  // Rows reach the model flat and are reshaped to its input (train/trainable-model.ts): widths are products.
  const inWidth = rowWidth(inputs[0]);
  if (inWidth !== null && inWidth !== nIn) {
    return `the model takes ${inWidth} value${inWidth === 1 ? '' : 's'} per row but the data has ${nIn} input column${nIn === 1 ? '' : 's'}`;
  }
  const outWidth = rowWidth(outputs[0]);
  if (outWidth !== null && outWidth !== nOut) {
    if (data.classes !== undefined) return `the model outputs ${outWidth} value${outWidth === 1 ? '' : 's'} per row but a classifier of these ${data.classes.length} classes needs ${nOut} (${loss})`;
    const targets = data.autoencoder ? 'its inputs (an autoencoder)' : data.targetCols.map((c) => data.columnNames[c]).join(', ');
    return `the model outputs ${outWidth} value${outWidth === 1 ? '' : 's'} per row but the data has ${nOut} target column${nOut === 1 ? '' : 's'} (${targets})`;
  }
  return null;
}

/** Values per row of a shape (its axes after the batch), or null when one is not fixed. */
function rowWidth(shape: readonly (number | null)[]): number | null {
  const row = shape.slice(1);
  return row.some((d) => d === null) ? null : (row as number[]).reduce((a, b) => a * b, 1);
}
