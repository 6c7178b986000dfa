import * as tf from '@tensorflow/tfjs';
import { floatView, type KernelArgs, type TensorInfo } from './wasm-backend.js';

interface Attrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * MaxPoolGrad (the gradient of maxPool, so of max_pooling1d and max_pooling2d) for the
 * wasm backend, NHWC: each window's dy goes to the first input pixel (row-major within
 * the window) holding the window's maximum; a window of only NaN or -Infinity passes
 * none. The cpu backend's semantics and summation order (float64, rounded once).
 *
 * tfjs-backend-wasm 4.22 ships a MaxPoolGrad that loses the gradient of windows whose
 * maximum is negative (measured: an identity pool, 1x1, returns zeros for negative
 * inputs), so this one replaces it (see register-wasm-kernels.ts).
 */
export function maxPoolGrad({ inputs, backend, attrs }: KernelArgs<'dy' | 'input' | 'output', Attrs>): TensorInfo {
  const { dy, input } = inputs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, effectiveFilterHeight, effectiveFilterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  // Windows that cannot overlap (strides at least the pool) give each input pixel at most
  // one term: written straight into the output. Overlapping ones sum in float64 first.
  const disjoint = strideHeight >= effectiveFilterHeight && strideWidth >= effectiveFilterWidth;
  const sum = disjoint ? null : new Float64Array(batchSize * inHeight * inWidth * inChannels);
  const best = new Float64Array(inChannels);
  const where = new Int32Array(inChannels);
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = floatView(backend, out);
  const xv = floatView(backend, input);
  const dyv = floatView(backend, dy);
  if (disjoint) dx.fill(0);
  for (let b = 0; b < batchSize; ++b) {
    for (let yR = 0; yR < outHeight; ++yR) {
      const rCorner = yR * strideHeight - top;
      const rMin = Math.max(0, rCorner);
      const rMax = Math.min(inHeight, rCorner + effectiveFilterHeight);
      for (let yC = 0; yC < outWidth; ++yC) {
        const cCorner = yC * strideWidth - left;
        const cMin = Math.max(0, cCorner);
        const cMax = Math.min(inWidth, cCorner + effectiveFilterWidth);
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let xR = rMin; xR < rMax; ++xR) {
          for (let xC = cMin; xC < cMax; ++xC) {
            const at = ((b * inHeight + xR) * inWidth + xC) * inChannels;
            for (let d = 0; d < inChannels; ++d) {
              const v = xv[at + d];
              if (v > best[d]) { best[d] = v; where[d] = at + d; }
            }
          }
        }
        const dyAt = ((b * outHeight + yR) * outWidth + yC) * inChannels;
        if (sum === null) {
          for (let d = 0; d < inChannels; ++d) if (where[d] >= 0) dx[where[d]] = dyv[dyAt + d];
        } else {
          for (let d = 0; d < inChannels; ++d) if (where[d] >= 0) sum[where[d]] += dyv[dyAt + d];
        }
      }
    }
  }
  if (sum !== null) dx.set(sum);
  return out;
}
