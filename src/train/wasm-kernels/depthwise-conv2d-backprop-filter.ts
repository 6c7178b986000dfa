import * as tf from '@tensorflow/tfjs';
import { refuseDilations, type DepthwiseAttrs } from './depthwise-attrs.js';
import { floatView, type KernelArgs, type TensorInfo } from './wasm-backend.js';

/**
 * DepthwiseConv2dNativeBackpropFilter (the filter gradient of depthwiseConv2d, so of the
 * depthwise_conv2d and separable_conv2d layers) for the wasm backend, NHWC:
 * dW[wR, wC, d1, m] = sum over batch and output pixels of x[b, xR, xC, d1] *
 * dy[b, yR, yC, d1 * chMul + m]. Same attributes and results as the cpu backend's kernel
 * (strides, 'valid', 'same' or explicit padding, dimRoundingMode); sums in float64,
 * rounded once to float32, in the cpu kernel's order.
 */
export function depthwiseConv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs<'x' | 'dy', DepthwiseAttrs & { filterShape: [number, number, number, number] }>): TensorInfo {
  const { x, dy } = inputs;
  refuseDilations(attrs.dilations, 'DepthwiseConv2dNativeBackpropFilter');
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape,
    attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, true);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const chMul = outChannels / inChannels;

  // The filter's flat index of (wR, wC, d1, m) is (wR * filterWidth + wC) * outChannels + d2
  // with d2 = d1 * chMul + m, dy's output channel: one running index serves both.
  const sum = new Float64Array(filterHeight * filterWidth * outChannels);
  const out = backend.makeOutput(info.filterShape, 'float32');
  const xv = floatView(backend, x);
  const dyv = floatView(backend, dy);
  for (let b = 0; b < batchSize; ++b) {
    for (let yR = 0; yR < outHeight; ++yR) {
      for (let yC = 0; yC < outWidth; ++yC) {
        const dyAt = ((b * outHeight + yR) * outWidth + yC) * outChannels;
        for (let wR = 0; wR < filterHeight; ++wR) {
          const xR = yR * strideHeight - top + wR;
          if (xR < 0 || xR >= inHeight) continue;
          for (let wC = 0; wC < filterWidth; ++wC) {
            const xC = yC * strideWidth - left + wC;
            if (xC < 0 || xC >= inWidth) continue;
            const xAt = ((b * inHeight + xR) * inWidth + xC) * inChannels;
            const wAt = (wR * filterWidth + wC) * outChannels;
            for (let d1 = 0, d2 = 0; d1 < inChannels; ++d1) {
              const v = xv[xAt + d1];
              for (let m = 0; m < chMul; ++m, ++d2) sum[wAt + d2] += v * dyv[dyAt + d2];
            }
          }
        }
      }
    }
  }
  floatView(backend, out).set(sum);
  return out;
}
