import type { Encoded, TargetColumns } from './task.js';

/**
 * A classifier's targets: never normalized (the normalization knob applies to the inputs
 * only). The single target column holds each row's class index; the model trains on its
 * one-hot rows (`width` = the class count), or on the index itself as one 0/1 column for
 * binary_crossentropy (`width` = 1). The affine is the identity: a classifier's outputs
 * are decoded by the task, not denormalized.
 */
export function encodeClassTargets(targets: TargetColumns, classes: number, width: number): Encoded {
  const values = new Float32Array(targets.rows * width);
  for (let r = 0; r < targets.rows; r++) {
    const c = targets.values[r * targets.cols];
    if (width === 1) values[r] = c;
    else values[r * width + c] = 1;
  }
  return { values, affine: { shift: [], scale: [] }, cols: width };
}
