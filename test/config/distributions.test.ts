import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  drawFromRange, gridRangeCount, gridRangePoints, RANGE_DISTRIBUTIONS, rangeLimits, type RangeDistribution,
} from '../../src/config/distributions.js';
import { drawFromNormal, NORMAL_Z_MAX, normalExtremes, standardNormal } from '../../src/config/normal-draw.js';
import { createPrng } from '../../src/core/prng.js';

/** Just below 1: the largest variate nextFloat returns. */
const TOP = 1 - 2 ** -53;
const U = [0, 0.1, 0.25, Math.SQRT1_2, 0.5, 0.9, TOP];

describe('drawFromRange: each range distribution against its definition', () => {
  it('log_uniform reads min and max as natural-log exponents: e^min .. e^max, log of the draw uniform', () => {
    assert.equal(drawFromRange('log_uniform', -4, 2, undefined, 0), Number(Math.exp(-4).toPrecision(10)));
    assert.ok(Math.abs(drawFromRange('log_uniform', -4, 2, undefined, TOP) - Math.exp(2)) < 1e-8);
    // u = 0.5 lands halfway in log space.
    assert.ok(Math.abs(Math.log(drawFromRange('log_uniform', -4, 2, undefined, 0.5)) - -1) < 1e-9);
    assert.deepEqual(rangeLimits('log_uniform', -4, 2), { lo: 0.01831563889, hi: 7.389056099 });
  });

  it('inv_log_uniform: log(1/X) uniform on [min, max], so X in [e^-max, e^-min]', () => {
    const lo = Math.exp(-3);
    const hi = Math.exp(-1);
    for (const u of U) {
      const x = drawFromRange('inv_log_uniform', 1, 3, undefined, u);
      assert.ok(x >= Number(lo.toPrecision(10)) && x <= Number(hi.toPrecision(10)), `${x}`);
      // W&B's ppf: exp(-(min + (1 - u)(max - min))).
      assert.ok(Math.abs(x - Math.exp(-(1 + (1 - u) * 2))) < 1e-9 * x);
    }
  });

  it('log_uniform_values and inv_log_uniform_values take the values themselves and draw in [min, max]', () => {
    for (const d of ['log_uniform_values', 'inv_log_uniform_values'] as const) {
      assert.equal(drawFromRange(d, 0.001, 0.1, undefined, 0), 0.001, d);
      assert.ok(Math.abs(drawFromRange(d, 0.001, 0.1, undefined, 0.5) - 0.01) < 1e-12, d);
      assert.ok(drawFromRange(d, 0.001, 0.1, undefined, TOP) <= 0.1, d);
    }
  });

  it('q_ forms give multiples of q inside the bounds (W&B would round 1..100 by 8 down to 0)', () => {
    for (const u of U) {
      const v = drawFromRange('q_log_uniform_values', 1, 100, 8, u);
      assert.ok(v % 8 === 0 && v >= 8 && v <= 96, `q_log_uniform_values ${v}`);
      const w = drawFromRange('q_log_uniform', 0, 3, 1, u);
      assert.ok(Number.isInteger(w) && w >= 1 && w <= 20, `q_log_uniform ${w}`);
      const f = drawFromRange('q_uniform', 0.1, 0.5, 0.1, u);
      assert.ok([0.1, 0.2, 0.3, 0.4, 0.5].includes(f), `q_uniform ${f}: 10 significant digits, no 0.30000000000000004`);
    }
  });

  it('every range draw is monotone in u and stays inside its limits', () => {
    const cases: [RangeDistribution, number, number, number | undefined][] = [
      ['uniform', -2, 3, undefined], ['int_uniform', 1, 6, undefined], ['q_uniform', 0, 10, 2.5],
      ['log_uniform_values', 1e-5, 1, undefined], ['q_log_uniform_values', 2, 512, 2], ['inv_log_uniform_values', 0.01, 10, undefined],
      ['log_uniform', -3, 3, undefined], ['q_log_uniform', 0, 4, 5], ['inv_log_uniform', -1, 2, undefined],
    ];
    assert.equal(new Set(cases.map((c) => c[0])).size, RANGE_DISTRIBUTIONS.length, 'every range distribution is covered');
    for (const [d, min, max, q] of cases) {
      const { lo, hi } = rangeLimits(d, min, max);
      let prev = -Infinity;
      for (let i = 0; i <= 200; i++) {
        const v = drawFromRange(d, min, max, q, Math.min(TOP, i / 200));
        assert.ok(v >= prev, `${d} not monotone at ${i}`);
        assert.ok(v >= lo && v <= hi, `${d} ${v} outside [${lo}, ${hi}]`);
        prev = v;
      }
    }
  });

  it('int_uniform gives every integer min..max, each about equally often', () => {
    const prng = createPrng(1);
    const counts = new Map<number, number>();
    for (let i = 0; i < 6000; i++) {
      const v = drawFromRange('int_uniform', 1, 6, undefined, prng.nextFloat());
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), [1, 2, 3, 4, 5, 6]);
    for (const n of counts.values()) assert.ok(n > 850 && n < 1150, `${n}`);
  });
});

describe('grid points of int_uniform and q_uniform (W&B: range(min, max + 1), numpy.arange(min, max, q))', () => {
  it('int_uniform is every integer, both ends included', () => {
    assert.deepEqual(gridRangePoints('int_uniform', 2, 5, undefined), [2, 3, 4, 5]);
  });

  it('q_uniform steps from min and excludes max', () => {
    assert.deepEqual(gridRangePoints('q_uniform', 8, 64, 8), [8, 16, 24, 32, 40, 48, 56]);
    assert.deepEqual(gridRangePoints('q_uniform', 1, 10, 2), [1, 3, 5, 7, 9]);
    assert.deepEqual(gridRangePoints('q_uniform', 0, 3, undefined), [0, 1, 2], 'q defaults to 1');
  });

  it('float steps neither drift nor gain a stray last point', () => {
    assert.deepEqual(gridRangePoints('q_uniform', 0.1, 0.5, 0.1), [0.1, 0.2, 0.3, 0.4]);
    assert.deepEqual(gridRangePoints('q_uniform', 1, 1.3, 0.1), [1, 1.1, 1.2]);
    assert.equal(gridRangeCount('q_uniform', 0, 1, 0.25), 4);
  });
});

describe('normal draws', () => {
  it('Box-Muller variates are bounded by NORMAL_Z_MAX = sqrt(-2 ln 2^-53)', () => {
    assert.ok(Math.abs(NORMAL_Z_MAX - 8.5717) < 1e-4);
    assert.equal(standardNormal(TOP, 0), NORMAL_Z_MAX);
    assert.equal(standardNormal(TOP, 0.5), -NORMAL_Z_MAX);
    assert.ok(standardNormal(0, 0) === 0, 'u1 = 0 is the centre');
  });

  it('normal, log_normal, q_normal, q_log_normal follow their definitions', () => {
    assert.equal(drawFromNormal('normal', 2, 3, undefined, 1.5), 6.5);
    assert.ok(Math.abs(drawFromNormal('log_normal', 0, 1, undefined, 1) - Math.E) < 1e-9);
    assert.equal(drawFromNormal('q_normal', 10, 2, 4, 0.9), 12, 'round(11.8 / 4) * 4');
    assert.equal(drawFromNormal('q_normal', 0, 1, 1, -0.2), 0, 'no negative zero');
    assert.ok(Object.is(drawFromNormal('q_normal', 0, 1, 1, -0.2), 0));
    assert.equal(drawFromNormal('q_log_normal', 0, 1, 8, -2), 0, 'W&B rounds small log-normal draws to 0');
    assert.equal(drawFromNormal('q_normal', 0, 1, 0.1, 0.33333), 0.3);
  });

  it('the extremes bound every draw', () => {
    const prng = createPrng(9);
    const { lo, hi } = normalExtremes('q_log_normal', 1, 0.5, 0.5);
    for (let i = 0; i < 2000; i++) {
      const v = drawFromNormal('q_log_normal', 1, 0.5, 0.5, standardNormal(prng.nextFloat(), prng.nextFloat()));
      assert.ok(v >= lo && v <= hi);
    }
  });
});
