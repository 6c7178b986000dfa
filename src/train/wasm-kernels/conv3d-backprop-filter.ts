import * as tf from '@tensorflow/tfjs';
import { floatView, type KernelArgs, type TensorInfo } from './wasm-backend.js';

interface Attrs {
  strides: [number, number, number] | number;
  pad: 'valid' | 'same';
  filterShape: [number, number, number, number, number];
}

/**
 * Conv3DBackpropFilterV2 (the filter gradient of conv3d) for the wasm backend, NDHWC:
 * dW[wF, wR, wC, d1, d2] = sum over batch and output voxels of
 * x[b, xF, xR, xC, d1] * dy[b, yF, yR, yC, d2]. The cpu backend's semantics (strides,
 * 'valid' or 'same', dilations 1) and summation order, in float64 rounded once.
 *
 * tfjs-backend-wasm 4.22 ships a Conv3DBackpropFilterV2 that breaks the adjoint identity
 * <dy, conv3d(x, W)> = <dW, W> on some strided geometries (measured), so this one
 * replaces it (see register-wasm-kernels.ts).
 */
export function conv3dBackpropFilter({ inputs, backend, attrs }: KernelArgs<'x' | 'dy', Attrs>): TensorInfo {
  const { x, dy } = inputs;
  const info = tf.backend_util.computeConv3DInfo(x.shape as [number, number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad);
  const { batchSize, inDepth, inHeight, inWidth, inChannels, outDepth, outHeight, outWidth, outChannels, filterDepth, filterHeight, filterWidth, strideDepth, strideHeight, strideWidth } = info;
  const front = info.padInfo.front;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  const sum = new Float64Array(filterDepth * filterHeight * filterWidth * inChannels * outChannels);
  const out = backend.makeOutput(info.filterShape, 'float32');
  const xv = floatView(backend, x);
  const dyv = floatView(backend, dy);
  let dyAt = 0;
  for (let b = 0; b < batchSize; ++b) {
    for (let yF = 0; yF < outDepth; ++yF) {
      for (let yR = 0; yR < outHeight; ++yR) {
        for (let yC = 0; yC < outWidth; ++yC, dyAt += outChannels) {
          for (let wF = 0; wF < filterDepth; ++wF) {
            const xF = yF * strideDepth - front + wF;
            if (xF < 0 || xF >= inDepth) continue;
            for (let wR = 0; wR < filterHeight; ++wR) {
              const xR = yR * strideHeight - top + wR;
              if (xR < 0 || xR >= inHeight) continue;
              for (let wC = 0; wC < filterWidth; ++wC) {
                const xC = yC * strideWidth - left + wC;
                if (xC < 0 || xC >= inWidth) continue;
                const xAt = (((b * inDepth + xF) * inHeight + xR) * inWidth + xC) * inChannels;
                const wAt = ((wF * filterHeight + wR) * filterWidth + wC) * inChannels * outChannels;
                for (let d1 = 0; d1 < inChannels; ++d1) {
                  const v = xv[xAt + d1];
                  const row = wAt + d1 * outChannels;
                  for (let d2 = 0; d2 < outChannels; ++d2) sum[row + d2] += v * dyv[dyAt + d2];
                }
              }
            }
          }
        }
      }
    }
  }
  floatView(backend, out).set(sum);
  return out;
}
