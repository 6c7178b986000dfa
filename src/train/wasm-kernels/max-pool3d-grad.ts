import * as tf from '@tensorflow/tfjs';
import { floatView, type KernelArgs, type TensorInfo } from './wasm-backend.js';

interface Attrs {
  filterSize: [number, number, number] | number;
  strides: [number, number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * MaxPool3DGrad (the gradient of maxPool3d, so of max_pooling3d) for the wasm backend,
 * NDHWC: each window's dy goes to the last input voxel (in depth, row, column order
 * within the window) holding the window's maximum, as the cpu backend picks it; a window
 * of only NaN passes none. Sums in float64, rounded once.
 *
 * The cpu kernel, the reference, encodes a voxel's place in its window with the window's
 * height where it decodes it with its width, so it is wrong for windows whose height and
 * width differ; this kernel is not (the tests compare it with cpu on other windows and
 * check the identity <dy, maxPool3d(x)> = <dx, x> on all). tfjs-backend-wasm 4.22 ships a
 * MaxPool3DGrad that breaks that identity (measured), so this one replaces it (see
 * register-wasm-kernels.ts).
 */
export function maxPool3dGrad({ inputs, backend, attrs }: KernelArgs<'dy' | 'input', Attrs>): TensorInfo {
  const { dy, input } = inputs;
  const info = tf.backend_util.computePool3DInfo(input.shape as [number, number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inDepth, inHeight, inWidth, inChannels, outDepth, outHeight, outWidth, strideDepth, strideHeight, strideWidth, effectiveFilterDepth, effectiveFilterHeight, effectiveFilterWidth } = info;
  const front = info.padInfo.front;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  const sum = new Float64Array(batchSize * inDepth * inHeight * inWidth * inChannels);
  const best = new Float64Array(inChannels);
  const where = new Int32Array(inChannels);
  const out = backend.makeOutput(input.shape, 'float32');
  const xv = floatView(backend, input);
  const dyv = floatView(backend, dy);
  let dyAt = 0;
  for (let b = 0; b < batchSize; ++b) {
    for (let yF = 0; yF < outDepth; ++yF) {
      const fCorner = yF * strideDepth - front;
      const fMin = Math.max(0, fCorner);
      const fMax = Math.min(inDepth, fCorner + effectiveFilterDepth);
      for (let yR = 0; yR < outHeight; ++yR) {
        const rCorner = yR * strideHeight - top;
        const rMin = Math.max(0, rCorner);
        const rMax = Math.min(inHeight, rCorner + effectiveFilterHeight);
        for (let yC = 0; yC < outWidth; ++yC, dyAt += inChannels) {
          const cCorner = yC * strideWidth - left;
          const cMin = Math.max(0, cCorner);
          const cMax = Math.min(inWidth, cCorner + effectiveFilterWidth);
          best.fill(Number.NEGATIVE_INFINITY);
          where.fill(-1);
          for (let xF = fMin; xF < fMax; ++xF) {
            for (let xR = rMin; xR < rMax; ++xR) {
              for (let xC = cMin; xC < cMax; ++xC) {
                const at = (((b * inDepth + xF) * inHeight + xR) * inWidth + xC) * inChannels;
                for (let d = 0; d < inChannels; ++d) {
                  const v = xv[at + d];
                  if (v >= best[d]) { best[d] = v; where[d] = at + d; }
                }
              }
            }
          }
          for (let d = 0; d < inChannels; ++d) if (where[d] >= 0) sum[where[d]] += dyv[dyAt + d];
        }
      }
    }
  }
  floatView(backend, out).set(sum);
  return out;
}
