import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrng } from '../../../src/core/prng.js';
import { truncNormLogBinMass, truncNormLogPdf, truncNormQuantile } from '../../../src/search/tpe/truncated-normal.js';

const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: got ${a}, expected ${b}`);

test('one truncated normal kernel: log density by hand (SciPy truncnorm.logpdf agrees)', () => {
  // N(0.3, 0.2) on [0, 1] at 0.5: log phi(1) - log 0.2 - log(Phi(3.5) - Phi(-1.5)).
  near(truncNormLogPdf(0.5, 0.3, 0.2, 0, 1), 0.2598921488948842, 1e-12, 'inside');
  // A kernel whose whole window lies 9 sigma out still has an exact density.
  near(truncNormLogPdf(9.5, 0, 1, 9, 10), -2.415721900923849, 1e-10, 'far tail');
  assert.equal(truncNormLogPdf(1.01, 0.3, 0.2, 0, 1), -Infinity);
});

test('a truncated normal integrates to 1 over its bounds, and its bins to 1 in total', () => {
  for (const [mu, sigma] of [[0.3, 0.2], [1.4, 0.05], [-3, 0.5], [0.5, 10]]) {
    const n = 20000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp(truncNormLogPdf((i + 0.5) / n, mu, sigma, 0, 1)) / n;
    near(sum, 1, 1e-5, `integral mu=${mu} sigma=${sigma}`);
    let mass = 0;
    for (let k = 0; k < 5; k++) mass += Math.exp(truncNormLogBinMass(k / 5, (k + 1) / 5, mu, sigma, 0, 1));
    near(mass, 1, 1e-12, `bins mu=${mu} sigma=${sigma}`);
  }
});

test('the quantile function stays inside the bounds and is the inverse of the CDF', () => {
  const rng = createPrng(3);
  for (const [mu, sigma, low, high] of [[0.3, 0.2, 0, 1], [50, 1, 0, 1], [-50, 1, 0, 1], [0, 1e-3, -1, 1]]) {
    for (let i = 0; i < 200; i++) {
      const x = truncNormQuantile(rng.nextFloat(), mu, sigma, low, high);
      assert.ok(x >= low && x <= high, `${x} in [${low}, ${high}] (mu ${mu})`);
    }
  }
  // CDF of the median: the mass of [0, median] is a half.
  const median = truncNormQuantile(0.5, 0.3, 0.2, 0, 1);
  near(Math.exp(truncNormLogBinMass(0, median, 0.3, 0.2, 0, 1)), 0.5, 1e-12, 'median');
  assert.equal(truncNormQuantile(0, 0.3, 0.2, 0, 1), 0);
});
