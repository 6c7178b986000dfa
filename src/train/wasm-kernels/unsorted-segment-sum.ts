import * as tf from '@tensorflow/tfjs';
import type { KernelArgs, TensorInfo } from './wasm-backend.js';

/**
 * UnsortedSegmentSum (the gradient of gather, so of the embedding layer) for the wasm
 * backend: out[s, ...] = sum of the rows x[i, ...] whose segmentIds[i] is s; ids outside
 * [0, numSegments) are dropped and a segment no id names is zeros. segmentIds must be
 * 1-D, indexing x's first axis, as TensorFlow.js's own callers pass them (the cpu
 * backend gives ids of a higher rank a meaning of its own, which this kernel refuses
 * rather than guesses). float32 rows are summed in float64 in row order, rounded once, so
 * results equal the cpu kernel's; int32 rows sum to int32, as TensorFlow does (the cpu
 * backend returns float32 there).
 */
export function unsortedSegmentSum({ inputs, backend, attrs }: KernelArgs<'x' | 'segmentIds', { numSegments: number }>): TensorInfo {
  const { x, segmentIds } = inputs;
  const { numSegments } = attrs;
  if (segmentIds.shape.length !== 1 || segmentIds.shape[0] !== x.shape[0]) {
    throw new Error(`UnsortedSegmentSum on wasm: segmentIds must be 1-D and as long as x's first axis, got shapes [${segmentIds.shape.join(', ')}] and [${x.shape.join(', ')}]`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum on wasm: x must be float32 or int32, got ${x.dtype}`);
  const rows = x.shape[0];
  const width = rows === 0 ? tf.util.sizeFromShape(x.shape.slice(1)) : tf.util.sizeFromShape(x.shape) / rows;

  const sum = new Float64Array(numSegments * width);
  const out = backend.makeOutput([numSegments, ...x.shape.slice(1)], x.dtype);
  const xv = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  for (let i = 0; i < rows; ++i) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * width;
    const to = s * width;
    for (let j = 0; j < width; ++j) sum[to + j] += xv[from + j];
  }
  backend.typedArrayFromHeap(out).set(sum);
  return out;
}
