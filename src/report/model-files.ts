import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError, UsageError } from '../errors.js';
import type { ParamValue } from '../config/types.js';
import type { FinalMetrics } from '../core/metrics.js';
import type { NormalizationStats, SavedWeights } from '../core/results.js';

/** What tfsweep records about an exported model, under `userDefinedMetadata.tfsweep`. */
export interface ExportedModelInfo {
  sweep: string;
  trial_id: number;
  trial_key: string;
  params: Record<string, ParamValue>;
  metric: { name: string; goal: 'maximize' | 'minimize' };
  final: FinalMetrics | null;
  /** The statistics the trial trained with; apply them around predict() (see `normalization_howto`). */
  normalization: NormalizationStats;
  normalization_howto: string;
  /**
   * A classifier's class names in the order of its outputs (absent for regression). Its
   * outputs are logits or probabilities, not values to denormalize: the targets' statistics
   * are empty, and the inputs are normalized as the recipe says.
   */
  classes?: string[];
}

/** The recipe, stored beside the statistics so the files explain themselves (and the README repeats it). */
export const NORMALIZATION_HOWTO = [
  'The network works in normalized units. To predict in the original units:',
  '(1) normalize each input row: x_n = (x - inputShift) / inputScale;',
  '(2) y_n = model.predict(x_n);',
  '(3) undo it on the output: y = y_n * targetScale + targetShift.',
  'Arrays hold one value per column (feature, minmax) or a single value for every column (global);',
  'empty arrays mean shift 0 and scale 1 (none).',
  "For kind 'sample' the statistics are per row and computed at prediction time: shift = the mean of the row's inputs,",
  "scale = their population standard deviation (1 if it is 0), used for the inputs and to undo the output.",
  "Rows are flat: a model whose input has a shape (the sweep's data.input_shape, the model's batch_input_shape) takes each",
  'normalized row reshaped to it, and a shaped output, flattened, is the row in target columns.',
].join(' ');

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/**
 * TensorFlow.js's own layers-model layout: `model.json` (format, modelTopology, one
 * weights manifest group whose only path is `weights.bin`) and the raw weights. The
 * trial's normalization statistics and identity go into userDefinedMetadata.tfsweep,
 * which tf.loadLayersModel hands back through model.getUserDefinedMetadata().
 */
export function modelJson(w: SavedWeights, info: ExportedModelInfo): Record<string, unknown> {
  return {
    format: 'layers-model',
    generatedBy: 'tfsweep export-model',
    convertedBy: null,
    modelTopology: w.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: w.weightSpecs }],
    userDefinedMetadata: { tfsweep: info },
  };
}

/**
 * Writes model.json and weights.bin into `dir` (created when missing). Existing files are
 * replaced only with `overwrite` (UsageError `E_EXISTS` otherwise). Stored weights whose
 * size does not match their specs are refused (StoreError `E_WEIGHTS`): better no file
 * than one that loads wrong.
 */
export function writeModelFiles(dir: string, w: SavedWeights, info: ExportedModelInfo, overwrite: boolean): string[] {
  const expected = w.weightSpecs.reduce((s, spec) => s + spec.shape.reduce((a, b) => a * b, 1) * (BYTES[spec.dtype] ?? 4), 0);
  if (expected !== w.weightData.byteLength) {
    throw new StoreError('E_WEIGHTS', `trial ${info.trial_id}: stored weights hold ${w.weightData.byteLength} bytes, their specs need ${expected}`);
  }
  const files = [join(dir, 'model.json'), join(dir, 'weights.bin')];
  if (!overwrite) {
    const existing = files.filter((f) => existsSync(f));
    if (existing.length > 0) throw new UsageError(`${existing.join(' and ')} already exist; add --overwrite to replace them`, 'E_EXISTS');
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(files[1], new Uint8Array(w.weightData));
  writeFileSync(files[0], `${JSON.stringify(modelJson(w, info), null, 2)}\n`);
  return files;
}
