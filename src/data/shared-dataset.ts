import type { Dataset } from '../core/dataset.js';

/**
 * Datasets cross thread boundaries without a copy: a Float32Array whose buffer is a
 * SharedArrayBuffer is shared, not cloned, by postMessage. A Dataset is a plain object,
 * so it can be posted as is; these helpers make sure its values are shared first.
 */

export function isSharedDataset(ds: Dataset): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && ds.values.buffer instanceof SharedArrayBuffer;
}

/** A Float32Array of `length` values in a SharedArrayBuffer. */
export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

/** The same dataset with its values in a SharedArrayBuffer (copied once if they are not already). */
export function toSharedDataset(ds: Dataset): Dataset {
  if (isSharedDataset(ds)) return ds;
  const values = sharedFloat32(ds.values.length);
  values.set(ds.values);
  return { ...ds, values };
}

/**
 * Rebuilds a Dataset from what arrived through postMessage (the same plain object; the
 * values still point at the shared memory) and checks that it is whole.
 */
export function datasetFromShared(msg: Dataset): Dataset {
  const { rows, cols, values } = msg;
  if (!(values instanceof Float32Array) || values.length !== rows * cols) {
    throw new TypeError(`datasetFromShared: expected ${rows} x ${cols} float32 values, got ${values?.length ?? 'none'}`);
  }
  return {
    rows, cols, values,
    columnNames: [...msg.columnNames],
    inputCols: [...msg.inputCols],
    targetCols: [...msg.targetCols],
    trainRows: msg.trainRows,
    autoencoder: msg.autoencoder,
    ...(msg.classes ? { classes: [...msg.classes] } : {}),
    ...(msg.inputShape ? { inputShape: [...msg.inputShape] } : {}),
  };
}
