import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation } from '../../../src/search/tpe/observation.js';
import { rankObservations, splitObservations } from '../../../src/search/tpe/split-observations.js';

const obs = (value: number | null, step?: number): Observation => ({ params: {}, value, ...(step === undefined ? {} : { step }) });

test('ranking: completed by value, then pruned deeper rung first, then failed; ties keep trial order', () => {
  const history = [
    obs(0.5),          // 0 completed
    obs(0.1, 3),       // 1 pruned at rung 3
    obs(null),         // 2 failed
    obs(0.05, 1),      // 3 pruned at rung 1: a better value, but a shallower rung
    obs(0.9),          // 4 completed
    obs(Number.NaN),   // 5 diverged: failed
    obs(0.5),          // 6 completed, tied with 0
    obs(0.3, 3),       // 7 pruned at rung 3
  ];
  assert.deepEqual(rankObservations(history, 'minimize'), [0, 6, 4, 1, 7, 3, 2, 5]);
  assert.deepEqual(rankObservations(history, 'maximize'), [4, 0, 6, 7, 1, 3, 2, 5]);
});

test('the good set takes the best gamma, in trial order; the rest is bad', () => {
  const history = [obs(3), obs(1), obs(4), obs(1.5), obs(9)];
  assert.deepEqual(splitObservations(history, 'minimize', 2), { below: [1, 3], above: [0, 2, 4] });
  assert.deepEqual(splitObservations(history, 'maximize', 2), { below: [2, 4], above: [0, 1, 3] });
  assert.deepEqual(splitObservations(history, 'minimize', 0), { below: [], above: [0, 1, 2, 3, 4] });
});

test('failed observations are never good, even when gamma reaches them or nothing else finished', () => {
  const history = [obs(null), obs(2), obs(Number.POSITIVE_INFINITY), obs(null)];
  assert.deepEqual(splitObservations(history, 'minimize', 3), { below: [1], above: [0, 2, 3] });
  assert.deepEqual(splitObservations([obs(null), obs(null)], 'maximize', 1), { below: [], above: [0, 1] });
  // -Infinity is not a good value either, in either direction.
  assert.deepEqual(splitObservations([obs(Number.NEGATIVE_INFINITY), obs(1)], 'minimize', 1), { below: [1], above: [0] });
});
