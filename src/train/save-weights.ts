import * as tf from '@tensorflow/tfjs';
import type { NormalizationStats, SavedWeights } from './types.js';

/**
 * The model in TensorFlow.js's own save format (what model.save writes as model.json's
 * modelTopology and weightsManifest, and weights.bin), plus the normalization stats.
 * `tf.loadLayersModel(tf.io.fromMemory({modelTopology, weightSpecs, weightData}))` loads
 * it back; predictions are then in normalized space, mapped to original units as
 * data/normalization.ts describes.
 */
export async function saveWeights(model: tf.LayersModel, normalization: NormalizationStats, classes?: readonly string[]): Promise<SavedWeights> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (saved === undefined || saved.weightSpecs === undefined || saved.weightData === undefined) {
    throw new Error('model.save produced no weights');
  }
  const data = saved.weightData;
  const weightData = Array.isArray(data) ? concat(data) : data;
  return {
    modelTopology: saved.modelTopology,
    weightSpecs: saved.weightSpecs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype as 'float32' | 'int32' | 'bool' })),
    weightData,
    normalization: structuredClone(normalization),
    ...(classes !== undefined ? { classes: [...classes] } : {}),
  };
}

function concat(parts: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}
