import * as tf from '@tensorflow/tfjs';
import { floatView, type KernelArgs, type TensorInfo } from './wasm-backend.js';

interface Attrs {
  strides: [number, number, number] | number;
  pad: 'valid' | 'same';
  inputShape: [number, number, number, number, number];
}

/**
 * Conv3DBackpropInputV2 (the input gradient of conv3d, needed below a trainable layer) for
 * the wasm backend, NDHWC: dx[b, xF, xR, xC, d1] = sum over the output voxels whose window
 * covers (xF, xR, xC) and over d2 of dy[b, yF, yR, yC, d2] * W[wF, wR, wC, d1, d2]. A port
 * of the cpu backend's kernel: same attributes, same order, float64 sums rounded once.
 *
 * tfjs-backend-wasm 4.22 ships a Conv3DBackpropInputV2 that breaks the adjoint identity
 * <dy, conv3d(x, W)> = <dx, x> on most geometries (measured), so this one replaces it
 * (see register-wasm-kernels.ts).
 */
export function conv3dBackpropInput({ inputs, backend, attrs }: KernelArgs<'dy' | 'filter', Attrs>): TensorInfo {
  const { dy, filter } = inputs;
  const info = tf.backend_util.computeConv3DInfo(attrs.inputShape, filter.shape as [number, number, number, number, number], attrs.strides, 1, attrs.pad);
  const { batchSize, inDepth, inHeight, inWidth, inChannels, outDepth, outHeight, outWidth, outChannels, filterDepth, filterHeight, filterWidth, strideDepth, strideHeight, strideWidth } = info;
  // Offsets of the transposed convolution: the flipped filter slides over dy.
  const front = filterDepth - 1 - info.padInfo.front;
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;

  const out = backend.makeOutput(info.inShape, 'float32');
  const dxv = floatView(backend, out);
  const dyv = floatView(backend, dy);
  const fv = floatView(backend, filter);
  let at = 0;
  for (let b = 0; b < batchSize; ++b) {
    for (let xF = 0; xF < inDepth; ++xF) {
      const fCorner = xF - front;
      const yFMin = Math.max(0, Math.ceil(fCorner / strideDepth));
      const yFMax = Math.min(outDepth, (filterDepth + fCorner) / strideDepth);
      for (let xR = 0; xR < inHeight; ++xR) {
        const rCorner = xR - top;
        const yRMin = Math.max(0, Math.ceil(rCorner / strideHeight));
        const yRMax = Math.min(outHeight, (filterHeight + rCorner) / strideHeight);
        for (let xC = 0; xC < inWidth; ++xC) {
          const cCorner = xC - left;
          const yCMin = Math.max(0, Math.ceil(cCorner / strideWidth));
          const yCMax = Math.min(outWidth, (filterWidth + cCorner) / strideWidth);
          for (let d1 = 0; d1 < inChannels; ++d1, ++at) {
            let dot = 0;
            for (let yF = yFMin; yF < yFMax; ++yF) {
              const wF = filterDepth - 1 - (yF * strideDepth - fCorner);
              for (let yR = yRMin; yR < yRMax; ++yR) {
                const wR = filterHeight - 1 - (yR * strideHeight - rCorner);
                for (let yC = yCMin; yC < yCMax; ++yC) {
                  const wC = filterWidth - 1 - (yC * strideWidth - cCorner);
                  const dyAt = (((b * outDepth + yF) * outHeight + yR) * outWidth + yC) * outChannels;
                  const fAt = ((((wF * filterHeight + wR) * filterWidth + wC) * inChannels) + d1) * outChannels;
                  for (let d2 = 0; d2 < outChannels; ++d2) dot += dyv[dyAt + d2] * fv[fAt + d2];
                }
              }
            }
            dxv[at] = dot;
          }
        }
      }
    }
  }
  return out;
}
