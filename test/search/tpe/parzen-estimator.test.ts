import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrng } from '../../../src/core/prng.js';
import { scottSigma, univariateSigmas } from '../../../src/search/tpe/bandwidth.js';
import { categoricalKernelProbs } from '../../../src/search/tpe/categorical-kernels.js';
import { buildParzenEstimator, parzenLogPdf, sampleParzen, type ParzenSettings } from '../../../src/search/tpe/parzen-estimator.js';
import type { SearchDomain } from '../../../src/search/tpe/search-domain.js';
import { defaultWeights } from '../../../src/search/tpe/tpe-weights.js';

const SETTINGS: ParzenSettings = { priorWeight: 1, considerMagicClip: true, considerEndpoints: false, multivariate: false, weights: defaultWeights };
const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: got ${a}, expected ${b}`);

/** log density of a one-parameter estimator over `observed` at x. */
function logPdf1(domain: SearchDomain, observed: number[], x: number, settings = SETTINGS): number {
  return parzenLogPdf(buildParzenEstimator([domain], [observed], settings), [[x]])[0];
}

// The expected numbers below are the hand formulas evaluated with SciPy's truncnorm / norm
// (and, for int, stepped and categorical, equal to Optuna 3.1's _ParzenEstimator.log_pdf).

test("univariate bandwidth: Optuna's neighbour rule, endpoints and magic clip", () => {
  // Sorted with the prior mean 0.5: [0.1, 0.4, 0.45, (0.5)], bounds 0 and 1. Widths are the larger gap to
  // a neighbour; without endpoints the extremes take their inner gap only.
  assert.deepEqual(Array.from(univariateSigmas([0.1, 0.4, 0.45], 0, 1, false)).map((s) => +s.toFixed(12)), [0.3, 0.3, 0.05]);
  assert.deepEqual(Array.from(univariateSigmas([0.45, 0.1, 0.4], 0, 1, false)).map((s) => +s.toFixed(12)), [0.05, 0.3, 0.3]);
  // [(0.5), 0.6, 0.65]: the largest takes its gap to the bound (0.35) only with considerEndpoints.
  assert.deepEqual(Array.from(univariateSigmas([0.6, 0.65], 0, 1, false)).map((s) => +s.toFixed(12)), [0.1, 0.05]);
  assert.deepEqual(Array.from(univariateSigmas([0.6, 0.65], 0, 1, true)).map((s) => +s.toFixed(12)), [0.1, 0.35]);
  // Equal values take ranks in observation order, the prior mean after them (Optuna's stable order).
  assert.deepEqual(Array.from(univariateSigmas([0.3, 0.3], 0, 1, false)).map((s) => +s.toFixed(12)), [0, 0.2]);
  assert.deepEqual(Array.from(univariateSigmas([0.5, 0.2], 0, 1, false)).map((s) => +s.toFixed(12)), [0.3, 0.3]);
  // The magic clip raises 0.05 to 1 / (1 + 4 kernels) = 0.2: what Optuna reports for the same observations.
  const est = buildParzenEstimator([{ kind: 'float', low: 0, high: 1, log: false }], [[0.1, 0.4, 0.45]], SETTINGS);
  const p = est.params[0];
  assert.ok(p.kind === 'numeric');
  assert.deepEqual(Array.from(p.sigmas).map((s) => +s.toFixed(12)), [0.3, 0.3, 0.2, 1]);
  assert.deepEqual(Array.from(p.mus), [0.1, 0.4, 0.45, 0.5]);
});

test('multivariate bandwidth: Scott rule 0.2 n^(-1/(d+4)) times the range, for every kernel', () => {
  near(scottSigma(16, 2, 0, 1), 0.2 * 16 ** (-1 / 6), 1e-15, 'n=16 d=2');
  near(scottSigma(0, 3, -5, 5), 2, 1e-15, 'n=0 counts as 1');
});

test('a float observation plus the prior: the mixture density by hand', () => {
  // Kernels: N(0.2, 1/3) (width 0.3 clipped up to 1/3) and the prior N(0.5, 1), both on [0, 1], weight 1/2 each.
  near(logPdf1({ kind: 'float', low: 0, high: 1, log: false }, [0.2], 0.7), -0.24673264619185073, 1e-12, 'log l(0.7)');
  // No observation: the prior alone.
  near(logPdf1({ kind: 'float', low: 0, high: 1, log: false }, [], 0.7), Math.log(Math.exp(-0.5 * 0.04) / Math.sqrt(2 * Math.PI) / 0.3829249225480262), 1e-12, 'prior only');
});

test("the bandwidth-weighted score: each continuous kernel times its width (Optuna 3.1's log_pdf)", () => {
  const est = buildParzenEstimator([{ kind: 'float', low: 0, high: 1, log: false }], [[0.2]], SETTINGS);
  // log(0.5 * (1/3) * TN(0.7; 0.2, 1/3) + 0.5 * 1 * TN(0.7; 0.5, 1)): Optuna 3.1.0's _ParzenEstimator.log_pdf gives the same.
  near(parzenLogPdf(est, [[0.7]], true)[0], -0.509410545655247, 1e-12, 'weighted score');
  // Stepped kernels keep their bin masses.
  const int = buildParzenEstimator([{ kind: 'int', low: 1, high: 5, log: false, step: 1 }], [[2]], SETTINGS);
  assert.deepEqual(parzenLogPdf(int, [[4]], true), parzenLogPdf(int, [[4]]));
});

test('an int parameter: the probability mass of the bin [x - 1/2, x + 1/2]', () => {
  const d: SearchDomain = { kind: 'int', low: 1, high: 5, log: false, step: 1 };
  // Kernels on [0.5, 5.5]: N(2, 5/3) and the prior N(3, 5).
  near(logPdf1(d, [2], 4), -1.74059168, 1e-8, 'P(4)');
  near(logPdf1(d, [2], 1), -1.51365191, 1e-8, 'P(1)');
  near(logPdf1(d, [2], 5), -2.06592165, 1e-8, 'P(5)');
  let total = 0;
  for (let x = 1; x <= 5; x++) total += Math.exp(logPdf1(d, [2], x));
  near(total, 1, 1e-12, 'sum over 1..5');
});

test('a stepped float: bins of width step, summing to 1 over the grid', () => {
  const d: SearchDomain = { kind: 'float', low: 0, high: 1, log: false, step: 0.25 };
  near(logPdf1(d, [0.25, 0.5], 0.75), -1.69828949, 1e-8, 'P(0.75)');
  let total = 0;
  for (let k = 0; k <= 4; k++) total += Math.exp(logPdf1(d, [0.25, 0.5], k * 0.25));
  near(total, 1, 1e-12, 'sum over the grid');
});

test('a log float: a density of log x; with the 1/x Jacobian it integrates to 1 over x', () => {
  const d: SearchDomain = { kind: 'float', low: 1e-3, high: 1, log: true };
  // Kernels in log units on [ln 1e-3, 0]: N(ln 0.01, ln(1000)/3) and the prior N(ln(1e-3)/2, ln 1000).
  near(logPdf1(d, [0.01], 0.05), -1.8443048813187781, 1e-12, 'log l(ln 0.05)');
  // Integrate p(ln x) / x dx over [1e-3, 1] on a geometric grid (midpoint rule in x).
  const n = 20000;
  let integral = 0;
  for (let i = 0; i < n; i++) {
    const x0 = 1e-3 * 1000 ** (i / n);
    const x1 = 1e-3 * 1000 ** ((i + 1) / n);
    const x = 0.5 * (x0 + x1);
    integral += (Math.exp(logPdf1(d, [0.01], x)) / x) * (x1 - x0);
  }
  near(integral, 1, 1e-4, 'integral over x');
});

test('a log int: bins [ln(x - 1/2), ln(x + 1/2)], summing to 1 over 1..1000', () => {
  const d: SearchDomain = { kind: 'int', low: 1, high: 1000, log: true, step: 1 };
  const est = buildParzenEstimator([d], [[10]], SETTINGS);
  near(parzenLogPdf(est, [[12]])[0], -4.310608094553362, 1e-12, 'P(12)');
  const all = parzenLogPdf(est, Array.from({ length: 1000 }, (_, i) => [i + 1]));
  near(all.reduce((s, lp) => s + Math.exp(lp), 0), 1, 1e-12, 'sum');
});

test("categorical kernels: the observed choice's weight plus prior smoothing", () => {
  // 3 observations + prior = 4 kernels; cells start at 1/4, the observed one gets +1, rows normalized.
  const probs = categoricalKernelProbs([0, 0, 2], 3, 1);
  assert.deepEqual(Array.from(probs).map((p) => +p.toFixed(12)), [5 / 7, 1 / 7, 1 / 7, 5 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 5 / 7, 1 / 3, 1 / 3, 1 / 3].map((p) => +p.toFixed(12)));
  const d: SearchDomain = { kind: 'categorical', choices: 3 };
  // P(0) = (5/7 + 5/7 + 1/7 + 1/3) / 4 = 10/21.
  near(logPdf1(d, [0, 0, 2], 0), Math.log(10 / 21), 1e-12, 'P(0)');
  const total = [0, 1, 2].reduce((s, c) => s + Math.exp(logPdf1(d, [0, 0, 2], c)), 0);
  near(total, 1, 1e-12, 'sum');
  assert.deepEqual(Array.from(categoricalKernelProbs([], 4, 1)), [0.25, 0.25, 0.25, 0.25]);
});

test('multivariate: one joint kernel per observation; the density by hand, and it integrates to 1', () => {
  const domains: SearchDomain[] = [{ kind: 'float', low: 0, high: 1, log: false }, { kind: 'categorical', choices: 2 }];
  const est = buildParzenEstimator(domains, [[0.2, 0.9, 0.5], [1, 0, 1]], { ...SETTINGS, multivariate: true });
  // Scott width 0.2 * 3^(-1/6) = 0.167 is clipped up to 1/(1 + 4) = 0.2.
  near(parzenLogPdf(est, [[0.3, 1]])[0], -0.19831034905369646, 1e-12, 'log p(0.3, 1)');
  const n = 4000;
  const grid = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
  let total = 0;
  for (const c of [0, 1]) total += parzenLogPdf(est, grid.map((x) => [x, c])).reduce((s, lp) => s + Math.exp(lp) / n, 0);
  near(total, 1, 1e-6, 'integral');
});

test('the prior weight and the kernel weights: old observations fade from 25 on', () => {
  assert.deepEqual(defaultWeights(3), [1, 1, 1]);
  const w = defaultWeights(30);
  assert.equal(w.length, 30);
  near(w[0], 1 / 30, 1e-15, 'oldest');
  near(w[4], 1, 1e-15, 'end of the ramp');
  assert.deepEqual(w.slice(5), new Array(25).fill(1));
  assert.deepEqual(defaultWeights(26), [1 / 26, ...new Array(25).fill(1)]);
  const est = buildParzenEstimator([{ kind: 'float', low: 0, high: 1, log: false }], [[0.1, 0.2]], { ...SETTINGS, priorWeight: 2 });
  assert.deepEqual(Array.from(est.weights), [0.25, 0.25, 0.5]);
});

test('draws from an estimator are domain values, and follow its density', () => {
  const d: SearchDomain = { kind: 'int', low: 1, high: 5, log: false, step: 1 };
  const est = buildParzenEstimator([d], [[2, 2, 3]], SETTINGS);
  const counts = [0, 0, 0, 0, 0, 0];
  const draws = sampleParzen(est, createPrng(11), 20000);
  for (const [x] of draws) {
    assert.ok(Number.isInteger(x) && x >= 1 && x <= 5, `draw ${x}`);
    counts[x]++;
  }
  for (let x = 1; x <= 5; x++) {
    near(counts[x] / 20000, Math.exp(parzenLogPdf(est, [[x]])[0]), 0.015, `frequency of ${x}`);
  }
});
