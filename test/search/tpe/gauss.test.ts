import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erfc, logGaussMass, logNdtr, ndtr, ndtriExp } from '../../../src/search/tpe/gauss.js';

/** |a - b| within rel * |b| (or within rel when b is 0). */
function close(a: number, b: number, rel: number, what: string): void {
  assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(b), b === 0 ? 1 : 0), `${what}: got ${a}, expected ${b}`);
}

// Reference values from SciPy 1.10 (scipy.special.erfc, log_ndtr, ndtri_exp) and, for the
// masses, mpmath at 50 digits: log(ncdf(b) - ncdf(a)).
test('erfc matches SciPy to 1e-13 relative, tails included', () => {
  const ref: [number, number][] = [
    [-3, 1.9999779095030015], [0, 1], [0.3, 0.6713732405408726], [1, 0.15729920705028516],
    [5, 1.5374597944280347e-12], [10, 2.0884875837625446e-45], [26, 5.663192408856145e-296],
  ];
  for (const [x, v] of ref) close(erfc(x), v, 1e-13, `erfc(${x})`);
  assert.equal(erfc(Infinity), 0);
  assert.equal(erfc(-Infinity), 2);
});

test('log Phi matches SciPy from -1000 to 40, far left tail and upper-tail branch included', () => {
  const ref: [number, number][] = [
    [-1000, -500007.8266948122], [-38, -726.5572160188201], [-20.5, -214.06672896326387],
    [-19.5, -194.01696577749752], [-6, -20.73676894997471], [-1, -1.841021645009264],
    [0, -0.6931471805599453], [1, -0.17275377902344985], [5.9, -1.817507864751091e-09],
    [8, -6.220960574271743e-16], [12, -1.7764821120776534e-33],
  ];
  for (const [x, v] of ref) close(logNdtr(x), v, 1e-12, `logNdtr(${x})`);
  assert.equal(logNdtr(-Infinity), -Infinity);
  close(ndtr(1), Math.exp(-0.17275377902344985), 1e-14, 'ndtr(1)');
});

test('log Gaussian mass of an interval: left tail, centre, right tail, a sliver', () => {
  const ref: [number, number, number][] = [
    [-40, -39.9, -800.6294741601215], [-3, -2, -3.8443534263342056], [-1, 2, -0.2001662943244626],
    [-0.01, 0.01, -4.830978205188375], [2, 3, -3.8443534263342056], [-50, 50, 0],
    [5, 5.0001, -22.629528896432976],
  ];
  for (const [a, b, v] of ref) close(logGaussMass(a, b), v, 1e-12, `logGaussMass(${a}, ${b})`);
  // Symmetric intervals far in either tail have the same, finite mass.
  close(logGaussMass(39, 41), logGaussMass(-41, -39), 1e-14, 'mirror');
  assert.ok(Number.isFinite(logGaussMass(39, 41)));
});

test('the quantile from a log probability inverts log Phi, down to exp(-10000)', () => {
  const ref: [number, number][] = [
    [-10000, -141.37983987312978], [-700, -37.295079632647415], [-5, -2.4709386372615887],
    [-0.7, -0.008559478582480308], [-0.1, 1.309617799458493], [-1e-8, 5.61200124503979],
  ];
  for (const [y, v] of ref) close(ndtriExp(y), v, 1e-12, `ndtriExp(${y})`);
  for (const x of [-30, -3, -0.5, 0, 0.5, 3, 7]) close(ndtriExp(logNdtr(x)), x, 1e-12, `round trip ${x}`);
  assert.equal(ndtriExp(-Infinity), -Infinity);
  assert.equal(ndtriExp(0), Infinity);
});
