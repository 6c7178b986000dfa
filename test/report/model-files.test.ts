import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StoreError } from '../../src/errors.js';
import { NORMALIZATION_HOWTO, modelJson, writeModelFiles, type ExportedModelInfo } from '../../src/report/model-files.js';
import type { SavedWeights } from '../../src/train/types.js';

const weights: SavedWeights = {
  modelTopology: { class_name: 'Sequential', config: { layers: [] } },
  weightSpecs: [{ name: 'dense_0/kernel', shape: [2, 2], dtype: 'float32' }, { name: 'dense_0/bias', shape: [2], dtype: 'float32' }],
  weightData: new Float32Array([1, 0, 0, 1, 0.5, -0.5]).buffer,
  normalization: { kind: 'feature', inputShift: [1, 2], inputScale: [3, 4], targetShift: [1, 2], targetScale: [3, 4] },
};
const info: ExportedModelInfo = {
  sweep: 'grid', trial_id: 7, trial_key: 'k', params: { normalization: 'feature' }, metric: { name: 'val_r2', goal: 'maximize' },
  final: null, normalization: weights.normalization, normalization_howto: NORMALIZATION_HOWTO,
};

test("model.json follows TensorFlow.js's layers-model layout and carries the normalization", () => {
  const json = modelJson(weights, info);
  assert.equal(json.format, 'layers-model');
  assert.deepEqual(json.weightsManifest, [{ paths: ['weights.bin'], weights: weights.weightSpecs }]);
  assert.deepEqual(json.modelTopology, weights.modelTopology);
  assert.deepEqual((json.userDefinedMetadata as { tfsweep: ExportedModelInfo }).tfsweep.normalization, weights.normalization);
});

test('the files are written byte for byte; wrong-sized weights are refused before anything is written', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tfsweep-model-')), 'nested');
  writeModelFiles(dir, weights, info, false);
  const bin = readFileSync(path.join(dir, 'weights.bin'));
  assert.deepEqual(new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)), new Float32Array(weights.weightData));
  const bad = { ...weights, weightData: new ArrayBuffer(8) };
  const other = path.join(dir, 'bad');
  assert.throws(() => writeModelFiles(other, bad, info, false), (e: unknown) => e instanceof StoreError && e.code === 'E_WEIGHTS');
  assert.equal(existsSync(other), false);
});
