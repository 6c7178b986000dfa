import type { Loss } from '../config/types.js';

/**
 * The output width a classifier needs: the class count, or 1 unit for binary_crossentropy.
 * Its own module (no TensorFlow.js): the preflight reads it before anything loads TensorFlow.js.
 */
export function classifierWidth(classes: number, loss: Loss): number {
  return loss === 'binary_crossentropy' ? 1 : classes;
}
