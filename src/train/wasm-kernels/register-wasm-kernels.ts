import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilter } from './conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropFilter } from './depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropInput } from './depthwise-conv2d-backprop-input.js';
import { conv3dBackpropFilter } from './conv3d-backprop-filter.js';
import { conv3dBackpropInput } from './conv3d-backprop-input.js';
import { maxPoolGrad } from './max-pool-grad.js';
import { maxPool3dGrad } from './max-pool3d-grad.js';
import { unsortedSegmentSum } from './unsorted-segment-sum.js';

export interface WasmKernel {
  name: string;
  kernelFunc: (args: never) => unknown;
}

/**
 * Gradient kernels tfjs-backend-wasm 4.22 lacks, so that training on wasm does not stop at
 * `Kernel '...' not registered for backend 'wasm'`. Found by bench/wasm-missing-kernels.ts
 * (one model per Keras layer family): conv1d, conv2d and conv2d_transpose need
 * Conv2DBackpropFilter; depthwise_conv2d and separable_conv2d need both depthwise
 * gradients (the input one only below a trainable layer); embedding needs
 * UnsortedSegmentSum (the gradient of gather).
 */
export const MISSING_WASM_KERNELS: readonly WasmKernel[] = [
  { name: tf.Conv2DBackpropFilter, kernelFunc: conv2dBackpropFilter },
  { name: tf.DepthwiseConv2dNativeBackpropFilter, kernelFunc: depthwiseConv2dBackpropFilter },
  { name: tf.DepthwiseConv2dNativeBackpropInput, kernelFunc: depthwiseConv2dBackpropInput },
  { name: tf.UnsortedSegmentSum, kernelFunc: unsortedSegmentSum },
];

/**
 * Gradient kernels tfjs-backend-wasm 4.22.0 ships but computes wrongly, measured against
 * the cpu backend and against the adjoint identity of the forward op (the test file
 * shows each): MaxPoolGrad drops windows whose maximum is negative (max_pooling1d/2d
 * after anything but a relu); both conv3d gradients are wrong on most geometries (conv3d);
 * MaxPool3DGrad on some (max_pooling3d). Still wrong there and not replaced, since no
 * Keras layer uses them: both Dilation2D gradients.
 */
export const BROKEN_WASM_KERNELS: readonly WasmKernel[] = [
  { name: tf.MaxPoolGrad, kernelFunc: maxPoolGrad },
  { name: tf.Conv3DBackpropFilterV2, kernelFunc: conv3dBackpropFilter },
  { name: tf.Conv3DBackpropInputV2, kernelFunc: conv3dBackpropInput },
  { name: tf.MaxPool3DGrad, kernelFunc: maxPool3dGrad },
];

/** The newest tfjs-backend-wasm release whose BROKEN_WASM_KERNELS were measured wrong. */
export const BROKEN_THROUGH = '4.22.0';

function register(k: WasmKernel): void {
  tf.registerKernel({ kernelName: k.name, backendName: 'wasm', kernelFunc: k.kernelFunc as unknown as tf.KernelFunc });
}

/**
 * Registers each of MISSING_WASM_KERNELS for the wasm backend unless a kernel of that name
 * is registered already, so a tfjs-backend-wasm that ships its own wins, and calling this
 * twice is harmless. Returns the names it registered. Kernels are looked up when an op
 * runs, so this may run before or after the backend is initialized.
 */
export function registerMissingWasmKernels(): string[] {
  const added: string[] = [];
  for (const k of MISSING_WASM_KERNELS) {
    if (tf.getKernel(k.name, 'wasm') !== undefined) continue;
    register(k);
    added.push(k.name);
  }
  return added;
}

/** -1, 0 or 1 as dotted version a is below, equal to or above b (numeric parts only). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.+-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0) ? -1 : 1;
  return 0;
}

/**
 * Replaces BROKEN_WASM_KERNELS when `wasmVersion` (tfjs-backend-wasm's `version_wasm`) is
 * at most BROKEN_THROUGH; a newer release keeps its own kernels, which the tests then
 * hold against the cpu backend. Idempotent; returns the names it replaced.
 */
export function replaceBrokenWasmKernels(wasmVersion: string): string[] {
  if (compareVersions(wasmVersion, BROKEN_THROUGH) > 0) return [];
  const replaced: string[] = [];
  for (const k of BROKEN_WASM_KERNELS) {
    if (tf.getKernel(k.name, 'wasm')?.kernelFunc === k.kernelFunc) continue;
    if (tf.getKernel(k.name, 'wasm') !== undefined) tf.unregisterKernel(k.name, 'wasm');
    register(k);
    replaced.push(k.name);
  }
  return replaced;
}
