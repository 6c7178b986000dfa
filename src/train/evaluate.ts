import * as tf from '@tensorflow/tfjs';
import type { LossFn } from './losses.js';
import type { TrainableModel } from './trainable-model.js';
import type { TrialData } from './trial-data.js';
import type { Task } from '../tasks/task.js';

/**
 * Rows per validation chunk: bounds the memory of one inference batch. Chunks are
 * uploaded once per trial and kept, so epochs re-read them without slicing (slicing a
 * large tensor on the wasm backend copies the whole tensor).
 */
export const VALIDATION_CHUNK_ROWS = 8192;

export interface ValidationSet {
  x: tf.Tensor2D[];
  /** The same tensors as x for an autoencoder. */
  y: tf.Tensor2D[];
  rows: number[];
  total: number;
}

/** Uploads the normalized validation rows; the caller disposes them with disposeValidation. */
export function uploadValidation(data: TrialData): ValidationSet {
  return uploadRows(data, data.trainRows, data.rows);
}

/**
 * Uploads the training rows for a task with training metrics (a classifier's accuracy),
 * else null: regression trials upload nothing more. Disposed with disposeValidation.
 */
export function uploadTrainingRows(data: TrialData, task: Task): ValidationSet | null {
  return task.trainMetrics === undefined ? null : uploadRows(data, 0, data.trainRows);
}

function uploadRows(data: TrialData, from: number, to: number): ValidationSet {
  const set: ValidationSet = { x: [], y: [], rows: [], total: to - from };
  for (let start = from; start < to; start += VALIDATION_CHUNK_ROWS) {
    const rows = Math.min(VALIDATION_CHUNK_ROWS, to - start);
    const x = tf.tensor2d(data.x.subarray(start * data.nIn, (start + rows) * data.nIn), [rows, data.nIn]);
    set.x.push(x);
    set.y.push(data.y === data.x ? x : tf.tensor2d(data.y.subarray(start * data.nOut, (start + rows) * data.nOut), [rows, data.nOut]));
    set.rows.push(rows);
  }
  return set;
}

export function disposeValidation(set: ValidationSet): void {
  set.x.forEach((t, i) => {
    if (set.y[i] !== t) set.y[i].dispose();
    t.dispose();
  });
}

/**
 * Inference on the validation rows: the loss (in normalized space, without regularization)
 * and the predictions (normalized, rows x nOut) read back once per chunk.
 */
export function predictValidation(model: TrainableModel, set: ValidationSet, loss: LossFn): { valLoss: number; pred: Float32Array } {
  const pred = new Float32Array(set.total * model.nOut);
  let weighted = 0;
  let at = 0;
  set.x.forEach((x, i) => {
    tf.tidy(() => {
      const out = model.forward(x, false, 0).output;
      const p = out.dataSync();
      pred.set(p, at);
      at += p.length;
      weighted += loss(set.y[i], out).dataSync()[0] * set.rows[i];
    });
  });
  return { valLoss: set.total > 0 ? weighted / set.total : NaN, pred };
}
