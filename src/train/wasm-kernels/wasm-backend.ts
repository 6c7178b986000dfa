import type * as tf from '@tensorflow/tfjs';

/** A tensor as a kernel sees it: a handle into the backend's storage, a shape and a dtype. */
export interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

/**
 * The slice of tfjs-backend-wasm's BackendWasm these kernels use, declared here so they
 * need no import of the backend's internals (and a fake can stand in).
 *
 * Heap views: `typedArrayFromHeap` returns a view on the wasm memory, not a copy. Any
 * allocation (`makeOutput`, another kernel) may grow that memory and detach every view
 * taken before it, so a kernel allocates all its outputs and scratch tensors first and
 * takes its views after.
 */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: tf.backend_util.BackendValues): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The arguments TensorFlow.js passes a kernel function, typed for these kernels. */
export interface KernelArgs<I extends string, A> {
  inputs: Record<I, TensorInfo>;
  backend: WasmBackend;
  attrs: A;
}

/** A float32 view on a tensor's heap memory (see the heap-view rule above). */
export function floatView(backend: WasmBackend, t: TensorInfo): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`expected a float32 tensor, got ${t.dtype}`);
  return backend.typedArrayFromHeap(t) as Float32Array;
}
