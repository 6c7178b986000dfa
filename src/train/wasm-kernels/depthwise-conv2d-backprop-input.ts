import * as tf from '@tensorflow/tfjs';
import { refuseDilations, type DepthwiseAttrs } from './depthwise-attrs.js';
import { floatView, type KernelArgs, type TensorInfo } from './wasm-backend.js';

/**
 * DepthwiseConv2dNativeBackpropInput (the input gradient of depthwiseConv2d, needed when a
 * depthwise or separable convolution has a trainable layer below it) for the wasm backend,
 * NHWC: dx[b, xR, xC, d1] = sum over the output pixels whose window covers (xR, xC) and over
 * m < chMul of dy[b, yR, yC, d1 * chMul + m] * filter[wR, wC, d1, m]. A port of the cpu
 * backend's kernel: same attributes, same summation order, float64 sums rounded once.
 */
export function depthwiseConv2dBackpropInput({ inputs, backend, attrs }: KernelArgs<'dy' | 'filter', DepthwiseAttrs & { inputShape: [number, number, number, number] }>): TensorInfo {
  const { dy, filter } = inputs;
  refuseDilations(attrs.dilations, 'DepthwiseConv2dNativeBackpropInput');
  const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as [number, number, number, number],
    attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, true);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  // Offsets of the transposed convolution: the flipped filter slides over dy.
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;
  const chMul = outChannels / inChannels;

  const out = backend.makeOutput(info.inShape, 'float32');
  const dxv = floatView(backend, out);
  const dyv = floatView(backend, dy);
  const fv = floatView(backend, filter);
  let at = 0;
  for (let b = 0; b < batchSize; ++b) {
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
          for (let yR = yRMin; yR < yRMax; ++yR) {
            const wR = filterHeight - 1 - (yR * strideHeight - rCorner);
            for (let yC = yCMin; yC < yCMax; ++yC) {
              const wC = filterWidth - 1 - (yC * strideWidth - cCorner);
              const dyAt = ((b * outHeight + yR) * outWidth + yC) * outChannels + d1 * chMul;
              const fAt = ((wR * filterWidth + wC) * inChannels + d1) * chMul;
              for (let m = 0; m < chMul; ++m) dot += dyv[dyAt + m] * fv[fAt + m];
            }
          }
          dxv[at] = dot;
        }
      }
    }
  }
  return out;
}
