import type * as tf from '@tensorflow/tfjs';

/** The attributes both depthwise gradient kernels receive. */
export interface DepthwiseAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Refuses dilations above 1. TensorFlow.js's depthwiseConv2d gradient already refuses them
 * before it calls a gradient kernel, and the cpu reference kernels would compute them as if
 * undilated: an error is better than a silently wrong gradient.
 */
export function refuseDilations(dilations: [number, number] | number | undefined, kernel: string): void {
  const d = dilations === undefined ? [1, 1] : typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (d[0] !== 1 || d[1] !== 1) throw new Error(`${kernel} on wasm: dilations above 1 are not supported, got [${d.join(', ')}]`);
}
