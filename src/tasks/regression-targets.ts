import { fitMatrix, normalizeMatrix, type Affine } from '../data/normalization.js';
import type { Normalization } from '../config/types.js';
import type { Encoded, TargetColumns } from './task.js';

/**
 * The regression task's target encoding: the targets are normalized with the same kind as
 * the inputs (data/normalization.ts), so the model learns in normalized space. An
 * autoencoder's targets are its inputs, encoding and array included. sample scales each
 * row's targets with that row's INPUT mean and std (the inputs' row stats); the other
 * kinds fit the target columns' own stats on the training rows.
 */
export function encodeRegressionTargets(kind: Normalization, targets: TargetColumns, inputs: Encoded): Encoded {
  if (targets.autoencoder) return inputs;
  let affine: Affine;
  if (kind === 'sample') {
    affine = inputs.affine;
  } else {
    const { shift, scale } = fitMatrix(kind, targets.values, targets.cols, targets.trainRows);
    affine = { shift, scale };
  }
  const values = kind === 'none' ? targets.values : normalizeMatrix(targets.values, targets.cols, targets.rows, affine);
  return { values, affine };
}
