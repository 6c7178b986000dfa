import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPrng, mulberry32 } from '../../src/planner/prng.js';

describe('prng', () => {
  it('matches the reference C mulberry32 (computed here with BigInt arithmetic)', () => {
    const M = 0xffffffffn;
    let state = 12345n;
    const reference = () => {
      state = (state + 0x6d2b79f5n) & M;
      let z = state;
      z = ((z ^ (z >> 15n)) * (z | 1n)) & M;
      z = (z ^ ((z + ((z ^ (z >> 7n)) * (z | 61n))) & M)) & M;
      return Number(z ^ (z >> 14n)) / 4294967296;
    };
    const next = mulberry32(12345);
    for (let i = 0; i < 100; i++) assert.equal(next(), reference(), `output ${i}`);
  });

  it('repeats for a seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, mulberry32(42));
    assert.deepEqual(Array.from({ length: 5 }, mulberry32(42)), a);
    assert.notDeepEqual(Array.from({ length: 5 }, mulberry32(43)), a);
  });

  it('stays in [0, 1) and spreads over it', () => {
    const prng = createPrng(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = prng.next();
      assert.ok(x >= 0 && x < 1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const b of buckets) assert.ok(b > 900 && b < 1100, `bucket ${b}`);
  });

  it('nextInt covers 0..n-1', () => {
    const prng = createPrng(1);
    const seen = new Set(Array.from({ length: 200 }, () => prng.nextInt(5)));
    assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4]);
  });
});
