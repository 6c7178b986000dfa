import * as tf from '@tensorflow/tfjs';
import { floatView, type KernelArgs, type TensorInfo, type WasmBackend } from './wasm-backend.js';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * Most floats one im2col block may hold (16 MiB): a batch whose block is larger is cut
 * into runs of whole images, each multiplied on its own and the products summed.
 */
const MAX_BLOCK = 4 * 1024 * 1024;

/**
 * Conv2DBackpropFilter (the filter gradient of conv2d, so of conv1d, conv2d and
 * conv2dTranspose layers) for the wasm backend: dW[wR, wC, d1, d2] = sum over batch and
 * output pixels of x[b, xR, xC, d1] * dy[b, yR, yC, d2], the input pixel under filter tap
 * (wR, wC). Same attributes and semantics as the cpu backend's kernel: strides, 'valid',
 * 'same' or explicit padding, dimRoundingMode, NHWC or NCHW; dilations are 1, as in the
 * cpu kernel (TensorFlow.js's conv2d gradient refuses dilated convolutions).
 *
 * NHWC (what every layer uses) is one matrix product, dW[K, O] = cols[K, P] x dy[P, O]
 * with K = taps x in channels and P = output pixels, cols the im2col of x laid out
 * transposed so the backend's own BatchMatMul (XNNPACK, float32 sums) needs no transpose:
 * about 20 times faster than a JS loop on a 3x3x32 -> 64 layer. Padding taps enter the
 * product as zeros (the cpu kernel skips them; the two differ only where dy holds an
 * infinity). NCHW, which no layer sends, is a JS loop with float64 sums in the cpu
 * kernel's order.
 */
export const conv2dBackpropFilter = withBlock(MAX_BLOCK);

/** The kernel with im2col blocks of at most `maxBlock` floats (tests use small blocks to cut a batch into runs). */
export function withBlock(maxBlock: number): (args: KernelArgs<'x' | 'dy', Attrs>) => TensorInfo {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs;
    const format = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape,
      attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, format);
    return info.dataFormat === 'channelsLast' ? byMatMul(info, x, dy, backend, maxBlock) : byLoop(info, x, dy, backend);
  };
}

/** The backend's BatchMatMul kernel, called directly as its sibling kernels call each other. */
function matMul(a: TensorInfo, b: TensorInfo, backend: WasmBackend): TensorInfo {
  const kernel = tf.getKernel('BatchMatMul', 'wasm');
  if (kernel === undefined) throw new Error('the wasm backend has no BatchMatMul kernel');
  return kernel.kernelFunc({ inputs: { a, b } as never, backend: backend as never, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
}

/**
 * Writes cols[k, p] for the images [first, first + count): k = (wR * filterWidth + wC) *
 * inChannels + d1 (the filter's own flat order), p the output pixel within the run; taps in
 * the padding are zeros.
 */
function im2colTransposed(info: tf.backend_util.Conv2DInfo, xv: Float32Array, first: number, count: number, cols: Float32Array): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const pixels = count * outHeight * outWidth;
  for (let wR = 0; wR < filterHeight; ++wR) {
    for (let wC = 0; wC < filterWidth; ++wC) {
      for (let d1 = 0; d1 < inChannels; ++d1) {
        let at = ((wR * filterWidth + wC) * inChannels + d1) * pixels;
        for (let b = first; b < first + count; ++b) {
          const image = b * inHeight * inWidth * inChannels + d1;
          for (let yR = 0; yR < outHeight; ++yR) {
            const xR = yR * strideHeight - top + wR;
            if (xR < 0 || xR >= inHeight) { cols.fill(0, at, at + outWidth); at += outWidth; continue; }
            const row = image + xR * inWidth * inChannels;
            for (let yC = 0; yC < outWidth; ++yC, ++at) {
              const xC = yC * strideWidth - left + wC;
              cols[at] = xC < 0 || xC >= inWidth ? 0 : xv[row + xC * inChannels];
            }
          }
        }
      }
    }
  }
}

function byMatMul(info: tf.backend_util.Conv2DInfo, x: TensorInfo, dy: TensorInfo, backend: WasmBackend, maxBlock: number): TensorInfo {
  const { batchSize, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const taps = filterHeight * filterWidth * inChannels;
  const perImage = outHeight * outWidth;
  const run = Math.max(1, Math.min(batchSize, Math.floor(maxBlock / Math.max(1, taps * perImage))));
  if (run === batchSize) {
    const cols = backend.makeOutput([1, taps, batchSize * perImage], 'float32');
    im2colTransposed(info, floatView(backend, x), 0, batchSize, floatView(backend, cols));
    const product = matMul(cols, { dataId: dy.dataId, shape: [1, batchSize * perImage, outChannels], dtype: 'float32' }, backend);
    backend.disposeData(cols.dataId);
    return { dataId: product.dataId, shape: info.filterShape, dtype: 'float32' };
  }
  // Runs of `run` images, each with its own slice of dy copied out; products summed in float64.
  const sum = new Float64Array(taps * outChannels);
  for (let first = 0; first < batchSize; first += run) {
    const count = Math.min(run, batchSize - first);
    const cols = backend.makeOutput([1, taps, count * perImage], 'float32');
    const dyRun = backend.makeOutput([1, count * perImage, outChannels], 'float32');
    im2colTransposed(info, floatView(backend, x), first, count, floatView(backend, cols));
    const from = first * perImage * outChannels;
    floatView(backend, dyRun).set(floatView(backend, dy).subarray(from, from + count * perImage * outChannels));
    const product = matMul(cols, dyRun, backend);
    const pv = floatView(backend, product);
    for (let i = 0; i < sum.length; i++) sum[i] += pv[i];
    for (const t of [cols, dyRun, product]) backend.disposeData(t.dataId);
  }
  const out = backend.makeOutput(info.filterShape, 'float32');
  floatView(backend, out).set(sum);
  return out;
}

/** Any layout, as strides: float64 sums in the cpu kernel's order (b, yR, yC). */
function byLoop(info: tf.backend_util.Conv2DInfo, x: TensorInfo, dy: TensorInfo, backend: WasmBackend): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const last = info.dataFormat === 'channelsLast';
  // Element strides of x and dy as batch, row, column, channel.
  const [xB, xR0, xC0, xD] = last ? [inHeight * inWidth * inChannels, inWidth * inChannels, inChannels, 1] : [inChannels * inHeight * inWidth, inWidth, 1, inHeight * inWidth];
  const [yB, yR0, yC0, yD] = last ? [outHeight * outWidth * outChannels, outWidth * outChannels, outChannels, 1] : [outChannels * outHeight * outWidth, outWidth, 1, outHeight * outWidth];

  const sum = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  const out = backend.makeOutput(info.filterShape, 'float32');
  const xv = floatView(backend, x);
  const dyv = floatView(backend, dy);
  for (let b = 0; b < batchSize; ++b) {
    for (let yR = 0; yR < outHeight; ++yR) {
      for (let yC = 0; yC < outWidth; ++yC) {
        const dyAt = b * yB + yR * yR0 + yC * yC0;
        for (let wR = 0; wR < filterHeight; ++wR) {
          const xR = yR * strideHeight - top + wR;
          if (xR < 0 || xR >= inHeight) continue;
          for (let wC = 0; wC < filterWidth; ++wC) {
            const xC = yC * strideWidth - left + wC;
            if (xC < 0 || xC >= inWidth) continue;
            const xAt = b * xB + xR * xR0 + xC * xC0;
            const wAt = (wR * filterWidth + wC) * inChannels * outChannels;
            for (let d1 = 0; d1 < inChannels; ++d1) {
              const v = xv[xAt + d1 * xD];
              const row = wAt + d1 * outChannels;
              for (let d2 = 0; d2 < outChannels; ++d2) sum[row + d2] += v * dyv[dyAt + d2 * yD];
            }
          }
        }
      }
    }
  }
  floatView(backend, out).set(sum);
  return out;
}
