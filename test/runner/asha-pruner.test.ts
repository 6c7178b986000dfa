import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AshaPruner } from '../../src/runner/asha-pruner.js';
import { rungEpochs } from '../../src/planner/rungs.js';

test('rungs follow min_iter * eta^k below max_iter, or max_iter / eta^k', () => {
  assert.deepEqual(rungEpochs({ type: 'hyperband', min_iter: 1, eta: 3 }, 27), [1, 3, 9]);
  assert.deepEqual(rungEpochs({ type: 'hyperband', min_iter: 2, eta: 2, max_iter: 20 }, 50), [2, 4, 8, 16]);
  assert.deepEqual(rungEpochs({ type: 'hyperband', min_iter: 1, eta: 3, s: 2 }, 27), [1, 3]);
  assert.deepEqual(rungEpochs({ type: 'hyperband', max_iter: 27, eta: 3 }, 5), [1, 3, 9]);
});

test('a trial continues only in the top ceil(n/eta) of the lower-index trials at its rung', async () => {
  const p = new AshaPruner([1], 2, 'maximize', () => 5);
  assert.equal(await p.decide(0, 1, 0.5), 'continue'); // alone: top 1 of 1
  assert.equal(await p.decide(1, 1, 0.4), 'stop'); // 2nd of 2, keep 1
  assert.equal(await p.decide(2, 1, 0.9), 'continue'); // best of 3, keep 2
  assert.equal(await p.decide(3, 1, 0.45), 'stop'); // 3rd of 4, keep 2
  assert.equal(await p.decide(4, 1, null), 'stop'); // no metric ranks last
});

test('minimize ranks low values first', async () => {
  const p = new AshaPruner([2], 2, 'minimize', () => 5);
  assert.equal(await p.decide(0, 2, 1.0), 'continue');
  assert.equal(await p.decide(1, 2, 0.5), 'continue');
  assert.equal(await p.decide(2, 2, 2.0), 'stop');
});

test('a decision waits for running lower-index trials, so arrival order does not matter', async () => {
  const decideInOrder = async (order: number[]) => {
    const values = [0.3, 0.9, 0.5, 0.1];
    const p = new AshaPruner([1], 2, 'maximize', () => 4);
    for (const i of [0, 1, 2, 3]) p.started(i);
    const verdicts = new Map<number, Promise<string>>();
    for (const i of order) verdicts.set(i, p.decide(i, 1, values[i]));
    return Promise.all([0, 1, 2, 3].map((i) => verdicts.get(i)!));
  };
  const forward = await decideInOrder([0, 1, 2, 3]);
  const backward = await decideInOrder([3, 2, 1, 0]);
  assert.deepEqual(forward, ['continue', 'continue', 'continue', 'stop']);
  assert.deepEqual(backward, forward);
});

test('a lower-index trial that settles without reaching the rung no longer blocks', async () => {
  const p = new AshaPruner([3], 3, 'maximize', () => 10);
  p.started(0);
  p.started(1);
  let resolved = false;
  const v = p.decide(1, 3, 0.5).then((x) => ((resolved = true), x));
  await new Promise((r) => setImmediate(r));
  assert.equal(resolved, false, 'must wait for trial 0');
  p.settled(0);
  assert.equal(await v, 'continue');
});

test('values recorded from an earlier run take part in the ranking', async () => {
  const p = new AshaPruner([1], 3, 'maximize', () => 5);
  p.record(0, 1, 0.9);
  p.record(1, 1, 0.8);
  assert.equal(await p.decide(2, 1, 0.1), 'stop');
  assert.equal(await p.decide(3, 1, 0.95), 'continue');
});
