import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateData } from '../../src/data/generate-data.js';
import type { GenerateSpec } from '../../src/config/types.js';

function gen(spec: GenerateSpec): Float32Array {
  const out = new Float32Array(spec.rows * spec.cols);
  generateData(spec, out);
  return out;
}

const NORMAL: GenerateSpec = { distribution: 'normal', mean: 1.1090579, std: 0.0012380764, rows: 2001, cols: 21, seed: 7 };

test('normal data: bit-identical for the same seed, different for another', () => {
  const a = gen(NORMAL);
  const b = gen(NORMAL);
  assert.deepEqual(Buffer.from(a.buffer), Buffer.from(b.buffer));
  const c = gen({ ...NORMAL, seed: 8 });
  assert.notDeepEqual(Buffer.from(a.buffer), Buffer.from(c.buffer));
});

test('normal data has the requested mean and std (odd count: the last value is filled)', () => {
  const a = gen(NORMAL);
  const n = a.length;
  assert.equal(n % 2, 1);
  assert.ok(a[n - 1] !== 0);
  let s = 0;
  for (const v of a) s += v;
  const mean = s / n;
  let ss = 0;
  for (const v of a) ss += (v - mean) ** 2;
  const std = Math.sqrt(ss / n);
  assert.ok(Math.abs(mean - NORMAL.mean) < 3 * (NORMAL.std / Math.sqrt(n)) + 1e-7, `mean ${mean}`);
  assert.ok(Math.abs(std / NORMAL.std - 1) < 0.02, `std ${std}`);
});

test('uniform data stays in [low, high) and fills it', () => {
  const spec: GenerateSpec = { distribution: 'uniform', low: -2, high: 3, rows: 1000, cols: 10, seed: 1 };
  const a = gen(spec);
  let lo = Infinity;
  let hi = -Infinity;
  let s = 0;
  for (const v of a) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    s += v;
  }
  assert.ok(lo >= -2 && hi <= 3);
  assert.ok(lo < -1.99 && hi > 2.99);
  assert.ok(Math.abs(s / a.length - 0.5) < 0.05);
  assert.deepEqual(a, gen(spec));
});
