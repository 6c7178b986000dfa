import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { generateData } from '../../src/data/generate-data.js';
import type { NormalizationStats } from '../../src/train/types.js';
import { addHalvingSweep, runTinySweep, type ResultsProject } from '../helpers/results-db.js';
import { tinySpec } from '../helpers/specs.js';

const ROWS = 400;
const COLS = 8;
const TRAIN_ROWS = 300; // validation_split 0.25: the last 100 rows validate
const DATA = { distribution: 'normal', mean: 1.1090579, std: 0.0012380764, rows: ROWS, cols: COLS, seed: 3 } as const;

let p: ResultsProject;
let halving: Awaited<ReturnType<typeof addHalvingSweep>>;

before(async () => {
  p = await runTinySweep(tinySpec({
    name: 'models',
    epochs: 4,
    parameters: '  optimizer: {value: adam}\n  learning_rate: {value: 0.01}\n  normalization: {values: [none, sample, feature, minmax, global]}',
  }));
  halving = await addHalvingSweep(p.dbPath);
});

after(() => p.cleanup());

/** The README's loader: model.json + weights.bin from a folder, with plain @tensorflow/tfjs (no tfjs-node). */
function fromDisk(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const bin = readFileSync(path.join(dir, manifest[0].paths[0]));
        return [manifest.flatMap((g) => g.weights), bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)];
      });
    },
  };
}

/** The README's recipe: normalize each row, predict, undo the normalization on the output. */
function predictOriginalUnits(model: tf.LayersModel, rows: number[][], n: NormalizationStats): number[][] {
  const pick = (a: number[], c: number, dflt: number) => (a.length === 0 ? dflt : a.length === 1 ? a[0] : a[c]);
  const meanStd = (row: number[]) => {
    const m = row.reduce((s, v) => s + v, 0) / row.length;
    const sd = Math.sqrt(row.reduce((s, v) => s + (v - m) ** 2, 0) / row.length);
    return [m, sd > 0 ? sd : 1];
  };
  const stats = rows.map((row) => (n.kind === 'sample' ? meanStd(row) : null));
  const x = rows.map((row, r) => row.map((v, c) => {
    const [shift, scale] = stats[r] ?? [pick(n.inputShift, c, 0), pick(n.inputScale, c, 1)];
    return (v - shift) / scale;
  }));
  const out = tf.tidy(() => (model.predict(tf.tensor2d(x)) as tf.Tensor).arraySync() as number[][]);
  return out.map((row, r) => row.map((v, c) => {
    const [shift, scale] = stats[r] ?? [pick(n.targetShift, c, 0), pick(n.targetScale, c, 1)];
    return v * scale + shift;
  }));
}

test('an exported model loads in TensorFlow.js and reproduces the stored val_mse in original units', async () => {
  const values = new Float32Array(ROWS * COLS);
  generateData(DATA, values);
  const validation: number[][] = [];
  for (let r = TRAIN_ROWS; r < ROWS; r++) validation.push(Array.from(values.subarray(r * COLS, (r + 1) * COLS)));
  const trials = p.sql<{ id: number; normalization: string; val_mse: number }>(
    "SELECT trial_id id, normalization, val_mse FROM results WHERE sweep = 'models' AND status = 'completed' ORDER BY idx",
  );
  assert.deepEqual(trials.map((t) => t.normalization), ['none', 'sample', 'feature', 'minmax', 'global']);
  for (const t of trials) {
    const dir = path.join(p.dir, 'exported', t.normalization);
    const r = await p.cli(['export-model', String(t.id), dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wrote .*model\.json and .*weights\.bin/);
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    assert.equal(json.format, 'layers-model');
    assert.deepEqual(json.weightsManifest[0].paths, ['weights.bin']);
    assert.equal(statSync(path.join(dir, 'weights.bin')).size, (COLS * COLS + COLS) * 4);

    const model = await tf.loadLayersModel(fromDisk(dir));
    const meta = (model.getUserDefinedMetadata() as { tfsweep: { normalization: NormalizationStats; trial_id: number; normalization_howto: string } }).tfsweep;
    assert.equal(meta.trial_id, t.id);
    assert.equal(meta.normalization.kind, t.normalization);
    assert.match(meta.normalization_howto, /x_n = \(x - inputShift\) \/ inputScale/);
    const pred = predictOriginalUnits(model, validation, meta.normalization);
    let sse = 0;
    validation.forEach((row, i) => row.forEach((v, c) => (sse += (pred[i][c] - v) ** 2)));
    const mse = sse / (validation.length * COLS);
    assert.ok(Math.abs(mse - t.val_mse) <= 1e-4 * t.val_mse, `${t.normalization}: recomputed val_mse ${mse}, stored ${t.val_mse}`);
    model.dispose();
  }
});

test('export-model refuses existing files without --overwrite, and a trial without weights', async () => {
  const [t] = p.sql<{ id: number }>("SELECT trial_id id FROM results WHERE sweep = 'models' LIMIT 1");
  const dir = path.join(p.dir, 'again');
  assert.equal((await p.cli(['export-model', String(t.id), dir])).code, 0);
  const again = await p.cli(['export-model', String(t.id), dir]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /model\.json and .*weights\.bin already exist; add --overwrite/);
  assert.equal((await p.cli(['export-model', String(t.id), dir, '--overwrite'])).code, 0);

  const pruned = await p.cli(['export-model', String(halving.ids.pruned), path.join(p.dir, 'none')]);
  assert.equal(pruned.code, 1);
  assert.match(pruned.stderr, /has no saved weights \(status pruned\); only completed trials keep their final weights/);
  assert.equal(existsSync(path.join(p.dir, 'none')), false);
  const missing = await p.cli(['export-model', '999', path.join(p.dir, 'none')]);
  assert.equal(missing.code, 2);
});
