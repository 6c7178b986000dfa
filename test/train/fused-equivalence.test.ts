import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDataset } from '../../src/data/build-dataset.js';
import { OPTIMIZERS } from '../../src/config/types.js';
import { createTrainer } from '../../src/train/create-trainer.js';
import type { Dataset, Trainer } from '../../src/train/types.js';
import type { ModelSpec } from '../../src/config/types.js';
import { assertSameCurve, indexedTrial, trainFused } from './fused-helpers.js';
import { dense } from './helpers.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/cli.js';
import type { DataSpec } from '../../src/config/types.js';

let trainer: Trainer;
let data: Dataset;

before(async () => {
  trainer = await createTrainer('wasm');
  data = buildDataset({ generate: { distribution: 'normal', mean: 1.1090579, std: 0.0012380764, rows: 400, cols: 12, seed: 7 }, target: 'input', validation_split: 0.3 });
});

/** Learning rates per optimizer that learn something in 3 epochs without diverging. */
const LR: Record<string, number[]> = {
  sgd: [0.1, 0.01], momentum: [0.05, 0.01], adam: [0.01, 0.001], adamax: [0.01, 0.002],
  adagrad: [0.1, 0.01], adadelta: [1, 0.1], rmsprop: [0.01, 0.001],
  nag: [0.05, 0.01], nadam: [0.01, 0.001], adamw: [0.01, 0.001], lion: [0.001, 0.0001], ftrl: [0.1, 0.01],
};

/**
 * The two engines: one linear layer with MSE runs on wide-linear-engine.ts; anything else
 * (here two layers with tanh, huber loss) on stacked-engine.ts.
 */
const ENGINES = {
  wide: { model: { layers: [dense('input')] }, loss: 'mse' as const },
  stacked: { model: { layers: [dense(6, { activation: 'tanh' }), dense('input')] }, loss: 'huber' as const },
};

// Members of one group differ in weight decay too (trials 2 and 3 decay, 0 and 1 do not).
for (const [engine, shape] of Object.entries(ENGINES)) for (const optimizer of OPTIMIZERS) {
  test(`fused ${optimizer} (${engine} engine): every member's per-epoch metrics equal its solo run within 1e-4`, async () => {
    const [lr1, lr2] = LR[optimizer];
    const trials = [
      indexedTrial(0, { optimizer, learning_rate: lr1, normalization: 'feature', epochs: 3, batch_size: 8 }, shape.model),
      indexedTrial(1, { optimizer, learning_rate: lr2, normalization: 'sample', epochs: 3, batch_size: 8, activity_regularizer: { l1: 1e-5 } }, shape.model),
      indexedTrial(2, { optimizer, learning_rate: lr1, normalization: 'feature', epochs: 3, batch_size: 8, activity_regularizer: { l2: 1e-4 }, kernel_regularizer: { l1: 1e-4, l2: 1e-3 }, seed: 5, weight_decay: 0.05 }, shape.model),
      indexedTrial(3, { optimizer, learning_rate: lr2, normalization: 'none', epochs: 3, batch_size: 8, momentum: 0.5, weight_decay: 0.004 }, shape.model),
    ].map((t) => ({ ...t, train: { ...t.train, loss: shape.loss } }));
    const fused = await trainFused(trainer, trials.map((t) => [t]), data);
    for (const t of trials) {
      const solo = await trainer.train(t, data);
      const f = fused.get(t.idx)!;
      assert.equal(f.status, solo.status, `trial ${t.idx} status`);
      assertSameCurve(f.epochs, solo.epochs, 1e-4, `${optimizer} trial ${t.idx}`);
      assert.equal(f.best_epoch, solo.best_epoch);
      assert.ok(f.weights !== null && solo.weights !== null);
      assert.deepEqual(f.weights.weightSpecs, solo.weights.weightSpecs);
      const fw = new Float32Array(f.weights.weightData);
      const sw = new Float32Array(solo.weights.weightData);
      for (let i = 0; i < fw.length; i++) assert.ok(Math.abs(fw[i] - sw[i]) <= 1e-4 * Math.max(1, Math.abs(sw[i])), `weight ${i}`);
    }
  });
}

test('a member trains to the same bits alone and in a larger group (results do not depend on group composition)', async () => {
  // Both engines.
  for (const shape of Object.values(ENGINES)) await sameBitsAloneAndGrouped(shape.model);
});

async function sameBitsAloneAndGrouped(model: ModelSpec): Promise<void> {
  const a = indexedTrial(0, { optimizer: 'adam', learning_rate: 0.01, normalization: 'feature', epochs: 2, batch_size: 8 }, model);
  const b = indexedTrial(1, { optimizer: 'adam', learning_rate: 0.001, normalization: 'sample', epochs: 2, batch_size: 8 }, model);
  const c = indexedTrial(2, { optimizer: 'adam', learning_rate: 0.001, normalization: 'sample', epochs: 2, batch_size: 8, seed: 3 }, model);
  const d = indexedTrial(3, { optimizer: 'adam', learning_rate: 0.01, normalization: 'sample', epochs: 2, batch_size: 8 }, model);
  const group = await trainFused(trainer, [[a], [b], [c], [d]], data);
  const alone = await trainFused(trainer, [[b]], data);
  assert.deepEqual(alone.get(1)!.epochs.map((e) => [e.loss, e.val_r2]), group.get(1)!.epochs.map((e) => [e.loss, e.val_r2]));
}

test('shared epoch prefix: a 2-epoch trial riding a 4-epoch run equals its own run, weights included', async () => {
  const short = indexedTrial(0, { optimizer: 'rmsprop', learning_rate: 0.01, normalization: 'feature', epochs: 2, batch_size: 8 });
  const long = indexedTrial(1, { ...short.train, epochs: 4 });
  const shared = await trainFused(trainer, [[short, long]], data);
  const separate = await trainFused(trainer, [[short]], data);
  const s = shared.get(0)!;
  assert.equal(s.status, 'completed');
  assert.equal(s.epochs.length, 2);
  assert.equal(shared.get(1)!.epochs.length, 4);
  assert.deepEqual(s.epochs.map((e) => [e.loss, e.val_r2]), separate.get(0)!.epochs.map((e) => [e.loss, e.val_r2]));
  assert.deepEqual(s.final, separate.get(0)!.final);
  assert.deepEqual(new Float32Array(s.weights!.weightData), new Float32Array(separate.get(0)!.weights!.weightData));
  const solo = await trainer.train(short, data);
  assertSameCurve(s.epochs, solo.epochs, 1e-4, 'prefix vs solo');
});

test('a member that diverges leaves the group; the others equal their solo runs', async () => {
  const bad = indexedTrial(0, { optimizer: 'sgd', learning_rate: 1e4, normalization: 'feature', epochs: 3, batch_size: 8 });
  const good = [
    indexedTrial(1, { optimizer: 'sgd', learning_rate: 0.01, normalization: 'feature', epochs: 3, batch_size: 8 }),
    indexedTrial(2, { optimizer: 'sgd', learning_rate: 0.1, normalization: 'sample', epochs: 3, batch_size: 8 }),
  ];
  const fused = await trainFused(trainer, [[bad], ...good.map((t) => [t])], data);
  const soloBad = await trainer.train(bad, data);
  assert.equal(fused.get(0)!.status, 'diverged');
  assert.equal(soloBad.status, 'diverged');
  assert.equal(fused.get(0)!.epochs.length, soloBad.epochs.length);
  assert.equal(fused.get(0)!.weights, null);
  for (const t of good) {
    const solo = await trainer.train(t, data);
    assert.equal(fused.get(t.idx)!.status, 'completed');
    assertSameCurve(fused.get(t.idx)!.epochs, solo.epochs, 1e-4, `trial ${t.idx}`);
  }
});

test('rung verdicts per member: a pruned member keeps its epochs and weights, the rest go on', async () => {
  const trials = [0, 1, 2].map((i) => indexedTrial(i, { optimizer: 'adam', learning_rate: [0.01, 0.001, 0.0001][i], normalization: 'feature', epochs: 3, batch_size: 8 }));
  const asked: string[] = [];
  const fused = await trainFused(trainer, trials.map((t) => [t]), data, {
    onEpoch: async (t, m) => {
      asked.push(`${t.idx}@${m.epoch}`);
      return m.epoch === 1 && t.idx === 2 ? 'stop' : 'continue';
    },
  });
  assert.equal(fused.get(2)!.status, 'pruned');
  assert.equal(fused.get(2)!.epochs.length, 1);
  assert.ok(fused.get(2)!.weights !== null);
  assert.equal(fused.get(0)!.epochs.length, 3);
  assert.ok(!asked.includes('2@2'));
  const solo = await trainer.train(trials[1], data);
  assertSameCurve(fused.get(1)!.epochs, solo.epochs, 1e-4, 'survivor');
});

test('a stop request interrupts every member, epochs kept, no weights', async () => {
  const trials = [0, 1].map((i) => indexedTrial(i, { optimizer: 'sgd', learning_rate: 0.01, normalization: 'feature', epochs: 3, batch_size: 8, seed: i }));
  let epochs = 0;
  const fused = await trainFused(trainer, trials.map((t) => [t]), data, {
    onEpoch: () => { epochs++; },
    shouldStop: () => epochs >= 2,
  });
  for (const t of trials) {
    const r = fused.get(t.idx)!;
    assert.equal(r.status, 'interrupted');
    assert.equal(r.epochs.length, 1);
    assert.equal(r.weights, null);
  }
});

test('identity_hits and diag_mean: an autoencoder\'s square first layer only, solo and fused alike', async () => {
  const train = { optimizer: 'sgd' as const, learning_rate: 0.1, normalization: 'feature' as const, epochs: 2, batch_size: 8 };
  const regression = buildDataset({ generate: { distribution: 'normal', mean: 0, std: 1, rows: 200, cols: 12, seed: 3 }, target: [0, 1, 2], validation_split: 0.3 });
  const cases: { label: string; model: ModelSpec; data: Dataset; defined: boolean }[] = [
    { label: 'autoencoder, square first layer', model: { layers: [dense('input')] }, data, defined: true },
    { label: 'autoencoder, square first layer then more', model: { layers: [dense('input', { activation: 'tanh' }), dense('input')] }, data, defined: true },
    // The seed's question is about the first layer: a hidden 16 x 16 layer means nothing here.
    { label: 'autoencoder, hidden 16 x 16 layer', model: { layers: [dense(16, { activation: 'tanh' }), dense(16, { activation: 'tanh' }), dense('input')] }, data, defined: false },
    // Regression onto 3 of 12 columns: a 9 x 9 first layer maps inputs to features, not to themselves.
    { label: 'regression, square first layer', model: { layers: [dense(9, { activation: 'tanh' }), dense(3)] }, data: regression, defined: false },
  ];
  for (const c of cases) {
    const t = indexedTrial(0, train, c.model);
    const solo = await trainer.train(t, c.data);
    const fused = (await trainFused(trainer, [[t]], c.data)).get(0)!;
    for (const [path, r] of [['solo', solo], ['fused', fused]] as const) {
      assert.equal(r.status, 'completed', `${c.label} (${path}): ${r.reason}`);
      const v = [r.final!.identity_hits, r.final!.diag_mean];
      if (c.defined) assert.ok(v.every((x) => typeof x === 'number'), `${c.label} (${path}): ${v}`);
      else assert.deepEqual(v, [null, null], `${c.label} (${path})`);
    }
  }
});

test('classifiers fuse too: a softmax head and a logits head, every loss, fused equals solo within 1e-4', async () => {
  const dir = tempDir('tfsweep-fused-cls-');
  const file = path.join(dir, 'pts.csv');
  const rows = ['a,b,c,label'];
  for (let i = 0; i < 90; i++) rows.push(`${Math.sin(i)},${Math.cos(i * 1.3)},${(i % 7) / 7},${['x', 'y', 'z'][i % 3]}`);
  writeFileSync(file, `${rows.join('\n')}\n`);
  const file2 = path.join(dir, 'two.csv');
  writeFileSync(file2, `${rows.filter((r) => !r.endsWith(',z')).join('\n')}\n`);
  const spec: DataSpec = { path: file, target: ['label'], validation_split: 0.3, labels: true };
  const spec2: DataSpec = { ...spec, path: file2 };
  const three = buildDataset(spec);
  const two = buildDataset(spec2);
  const cases: { loss: 'categorical_crossentropy' | 'binary_crossentropy' | 'categorical_hinge'; head: 'softmax' | 'linear' | 'sigmoid'; ds: Dataset; units: number | 'classes' }[] = [
    { loss: 'categorical_crossentropy', head: 'softmax', ds: three, units: 'classes' },
    { loss: 'categorical_crossentropy', head: 'linear', ds: three, units: 'classes' },
    { loss: 'categorical_hinge', head: 'linear', ds: three, units: 3 },
    { loss: 'binary_crossentropy', head: 'sigmoid', ds: two, units: 1 },
  ];
  for (const c of cases) {
    const model: ModelSpec = { layers: [dense(5, { activation: 'tanh' }), dense(c.units, { activation: c.head })] };
    const base = { optimizer: 'adam' as const, loss: c.loss, normalization: 'feature' as const, epochs: 3, batch_size: 8, label_smoothing: 0.1 };
    const trials = [
      indexedTrial(0, { ...base, learning_rate: 0.01 }, model),
      indexedTrial(1, { ...base, learning_rate: 0.003, seed: 4 }, model),
    ].map((t) => ({ ...t, data: c.ds === two ? spec2 : spec }));
    const fused = await trainFused(trainer, trials.map((t) => [t]), c.ds);
    for (const t of trials) {
      const solo = await trainer.train(t, c.ds);
      const f = fused.get(t.idx)!;
      assert.equal(f.status, 'completed', `${c.loss}/${c.head}: ${f.reason}`);
      assert.equal(solo.status, 'completed', `${c.loss}/${c.head} solo: ${solo.reason}`);
      f.epochs.forEach((e, i) => {
        for (const k of ['val_loss', 'val_accuracy', 'accuracy', 'val_auc']) {
          const x = e[k]!;
          const y = solo.epochs[i][k]!;
          assert.ok(Math.abs(x - y) <= 1e-4 * Math.max(1, Math.abs(y)), `${c.loss}/${c.head} trial ${t.idx} epoch ${i + 1} ${k}: fused ${x} vs solo ${y}`);
        }
      });
      assert.deepEqual(f.confusion, solo.confusion);
      assert.deepEqual(f.weights?.classes, c.ds.classes);
    }
  }
});
