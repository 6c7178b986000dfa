import * as tf from '@tensorflow/tfjs';
import { floatView, type KernelArgs, type TensorInfo } from './wasm-backend.js';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * Conv2DBackpropFilter (the filter gradient of conv2d, so of conv1d, conv2d and
 * conv2dTranspose layers) for the wasm backend: dW[wR, wC, d1, d2] = sum over batch and
 * output pixels of x[b, xR, xC, d1] * dy[b, yR, yC, d2], the input pixel under filter tap
 * (wR, wC). Same attributes and results as the cpu backend's kernel: strides, 'valid',
 * 'same' or explicit padding, dimRoundingMode, NHWC or NCHW; dilations are 1, as in the
 * cpu kernel (TensorFlow.js's conv2d gradient refuses dilated convolutions).
 * Sums are accumulated in float64 and rounded once to float32, as the cpu kernel does.
 */
export function conv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs<'x' | 'dy', Attrs>): TensorInfo {
  const { x, dy } = inputs;
  const format = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape,
    attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, format);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const last = info.dataFormat === 'channelsLast';
  // Element strides of x and dy as [batch, row, column, channel], whatever the layout.
  const xs = last ? [inHeight * inWidth * inChannels, inWidth * inChannels, inChannels, 1] : [inChannels * inHeight * inWidth, inWidth, 1, inHeight * inWidth];
  const ys = last ? [outHeight * outWidth * outChannels, outWidth * outChannels, outChannels, 1] : [outChannels * outHeight * outWidth, outWidth, 1, outHeight * outWidth];

  const sum = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  const out = backend.makeOutput(info.filterShape, 'float32');
  const xv = floatView(backend, x);
  const dyv = floatView(backend, dy);
  for (let b = 0; b < batchSize; ++b) {
    for (let yR = 0; yR < outHeight; ++yR) {
      for (let yC = 0; yC < outWidth; ++yC) {
        const dyAt = b * ys[0] + yR * ys[1] + yC * ys[2];
        for (let wR = 0; wR < filterHeight; ++wR) {
          const xR = yR * strideHeight - top + wR;
          if (xR < 0 || xR >= inHeight) continue;
          for (let wC = 0; wC < filterWidth; ++wC) {
            const xC = yC * strideWidth - left + wC;
            if (xC < 0 || xC >= inWidth) continue;
            const xAt = b * xs[0] + xR * xs[1] + xC * xs[2];
            const wAt = (wR * filterWidth + wC) * inChannels * outChannels;
            for (let d1 = 0; d1 < inChannels; ++d1) {
              const v = xv[xAt + d1 * xs[3]];
              if (v === 0) continue;
              const row = wAt + d1 * outChannels;
              for (let d2 = 0; d2 < outChannels; ++d2) sum[row + d2] += v * dyv[dyAt + d2 * ys[3]];
            }
          }
        }
      }
    }
  }
  floatView(backend, out).set(sum);
  return out;
}
