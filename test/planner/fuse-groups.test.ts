import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuseGroups, groupSteps } from '../../src/planner/fuse-groups.js';
import { estimateWallSeconds, estimateWork, workerSpeedup } from '../../src/planner/estimate.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { makeSpec } from './make-spec.js';

const GRID = `method: grid
parameters:
  optimizer: {values: [sgd, adam]}
  learning_rate: {values: [0.1, 0.01]}
  normalization: {values: [none, feature]}
  epochs: {values: [2, 5]}
  batch_size: {value: 8}
`;

function indices(groups: ReturnType<typeof fuseGroups>): number[][][] {
  return groups.map((g) => g.runs.map((r) => r.map((t) => t.idx)));
}

test('groups share optimizer type, architecture, batch and data; trials differing only in epochs share a run', () => {
  const trials = planSweep(makeSpec(GRID));
  const groups = fuseGroups(trials);
  assert.equal(groups.length, 2);
  for (const g of groups) {
    assert.ok(g.fused);
    assert.equal(g.runs.length, 4);
    assert.equal(new Set(g.runs.flat().map((t) => t.train.optimizer)).size, 1);
    for (const run of g.runs) {
      assert.deepEqual(run.map((t) => t.train.epochs), [2, 5]);
      const { epochs: _a, ...first } = run[0].params;
      const { epochs: _b, ...second } = run[1].params;
      assert.deepEqual(first, second);
    }
  }
  assert.equal(groups.flatMap((g) => g.runs.flat()).length, trials.length);
});

test('pure and independent of order and worker count: plan order of each group\'s first trial, capped size', () => {
  const trials = planSweep(makeSpec(GRID));
  assert.deepEqual(indices(fuseGroups([...trials].reverse())), indices(fuseGroups(trials)));
  const small = fuseGroups(trials, { maxRuns: 3 });
  assert.ok(small.every((g) => g.runs.length <= 3));
  const firsts = small.map((g) => Math.min(...g.runs.flat().map((t) => t.idx)));
  assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b));
});

test('no prefix sharing with early stopping patience', () => {
  const trials = planSweep(makeSpec(`${GRID}  early_stopping_patience: {value: 2}\n`));
  const groups = fuseGroups(trials);
  assert.ok(groups.every((g) => g.runs.every((r) => r.length === 1)));
});

test('dropout layers or a user module train alone', () => {
  const trials = planSweep(makeSpec(`model:\n  layers: [{type: dense, units: 8, activation: relu}, {type: dropout, rate: 0.2}, {type: dense, units: input}]\n${GRID}`));
  const groups = fuseGroups(trials);
  assert.equal(groups.length, trials.length);
  assert.ok(groups.every((g) => !g.fused && g.runs.length === 1 && g.runs[0].length === 1));
});

test('any other layer, or shaped inputs, train alone; their trial keys stay apart', () => {
  const DATA = 'data:\n  generate: {distribution: normal, mean: 0, std: 1, rows: 100, cols: 8, seed: 5}\n';
  const conv = planSweep(makeSpec(`${DATA}  input_shape: [4, 2]\nmodel:\n  layers: [{type: conv1d, filters: 2, kernel_size: 2}, {type: flatten}, {type: dense, units: input}]\n${GRID}`));
  const shaped = planSweep(makeSpec(`${DATA}  input_shape: [4, 2]\nmodel:\n  layers: [{type: dense, units: 2}]\n${GRID}`));
  const flat = planSweep(makeSpec(`${DATA}model:\n  layers: [{type: dense, units: 2}]\n${GRID}`));
  for (const trials of [conv, shaped]) {
    const groups = fuseGroups(trials);
    assert.equal(groups.length, trials.length);
    assert.ok(groups.every((g) => !g.fused));
  }
  assert.ok(fuseGroups(flat).every((g) => g.fused), 'the same dense list on flat rows fuses');
  assert.equal(new Set([...shaped, ...flat].map((t) => t.key)).size, shaped.length + flat.length);
});

test('contiguous mode (successive halving) groups only neighbours in plan order', () => {
  const trials = planSweep(makeSpec(GRID));
  const groups = fuseGroups(trials, { contiguous: true });
  let next = 0;
  for (const g of groups) {
    const idx = g.runs.flat().map((t) => t.idx).sort((a, b) => a - b);
    assert.deepEqual(idx, idx.map((_, i) => next + i));
    next += idx.length;
  }
  assert.equal(next, trials.length);
});

test('groupSteps counts each run once, at its largest epoch count', () => {
  const trials = planSweep(makeSpec(GRID));
  const total = fuseGroups(trials).reduce((n, g) => n + groupSteps(g, 80), 0);
  assert.equal(total, 8 * 5 * 10);
});

test('estimateWork counts trial-steps alone, after shared prefixes, and as fused groups execute them', () => {
  const trials = planSweep(makeSpec(GRID));
  const w = estimateWork(fuseGroups(trials), 80);
  assert.equal(w.trials, 16);
  assert.equal(w.trialSteps, 8 * (2 + 5) * 10);
  assert.equal(w.runSteps, 8 * 5 * 10);
  assert.equal(w.groups, 2);
  assert.equal(w.groupSteps, 2 * 5 * 10);
  assert.equal(w.runEpochs, 8 * 5);
});

test('estimateWallSeconds: groups at the calibrated costs, divided by the worker speedup, never below the longest group', () => {
  const groups = fuseGroups(planSweep(makeSpec(GRID)));
  const costs = { stepFixed: 0.001, stepPerRun: 0.0001, validation: 0.01 };
  const perGroup = 5 * 10 * (0.001 + 0.0001 * 4) + 4 * 5 * 0.01;
  assert.ok(Math.abs(estimateWallSeconds(groups, 80, costs, 1) - 2 * perGroup) < 1e-9);
  assert.ok(Math.abs(estimateWallSeconds(groups, 80, costs, 2) - Math.max(perGroup, (2 * perGroup) / workerSpeedup(2))) < 1e-9);
});
