/**
 * Test functions for the search benchmark (bench/search-tpe.ts), each a minimization with
 * its domains as SearchDomain[] (parameter i is named names[i]) and its known optimum.
 * bench/search-optuna.py defines the same three functions for Optuna; keep them in step.
 */
import type { SearchDomain } from '../src/search/tpe/search-domain.js';

export interface TestFunction {
  name: string;
  /** What the function models, for the table's legend. */
  description: string;
  names: string[];
  domains: SearchDomain[];
  f(x: readonly number[]): number;
  /** The global minimum value and one point reaching it. */
  optimum: number;
  argmin: number[];
}

const names = (d: number) => Array.from({ length: d }, (_, i) => `x${i}`);

/** Branin-Hoo on [-5, 10] x [0, 15]: three global minima of 0.397887. */
export const branin: TestFunction = {
  name: 'branin',
  description: 'Branin, 2-D, three global minima',
  names: names(2),
  domains: [
    { kind: 'float', low: -5, high: 10, log: false },
    { kind: 'float', low: 0, high: 15, log: false },
  ],
  f([x1, x2]) {
    const b = 5.1 / (4 * Math.PI ** 2);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
  optimum: 0.39788735772973816,
  argmin: [Math.PI, 2.275],
};

const H6_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H6_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H6_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((v) => v * 1e-4));

/** Hartmann-6 on [0, 1]^6: one global minimum of -3.32237 among six local ones. */
export const hartmann6: TestFunction = {
  name: 'hartmann6',
  description: 'Hartmann, 6-D, six local minima',
  names: names(6),
  domains: Array.from({ length: 6 }, (): SearchDomain => ({ kind: 'float', low: 0, high: 1, log: false })),
  f(x) {
    let sum = 0;
    for (let i = 0; i < 4; i++) {
      let inner = 0;
      for (let j = 0; j < 6; j++) inner += H6_A[i][j] * (x[j] - H6_P[i][j]) ** 2;
      sum += H6_ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  },
  optimum: -3.32236801141551,
  argmin: [0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054],
};

const LOG_D = 10;
/** Optimum of coordinate i: 10^-(1 + 4i/9), from 1e-1 down to 1e-5 (learning rates, decays). */
const LOG_C = Array.from({ length: LOG_D }, (_, i) => 10 ** -(1 + (4 * i) / (LOG_D - 1)));

/**
 * A 10-D log-scale ellipsoid on [1e-6, 1]^10 (every parameter log=true), the shape of a
 * sweep over rates and decays: with u_i = log10(x_i / c_i),
 *   f = sum_i (1 + i/9) u_i^2 + 0.5 sum_{i even} u_i u_{i+1},
 * positive definite, so the minimum is 0 at x = c (c_i from 1e-1 to 1e-5); the coupling
 * pairs neighbours, as a learning rate and a batch size interact.
 */
export const logEllipsoid10: TestFunction = {
  name: 'log-ellipsoid-10',
  description: '10-D log-scale ellipsoid on [1e-6, 1]^10, coupled pairs',
  names: names(LOG_D),
  domains: Array.from({ length: LOG_D }, (): SearchDomain => ({ kind: 'float', low: 1e-6, high: 1, log: true })),
  f(x) {
    const u = x.map((xi, i) => Math.log10(xi / LOG_C[i]));
    let sum = 0;
    for (let i = 0; i < LOG_D; i++) sum += (1 + i / (LOG_D - 1)) * u[i] * u[i];
    for (let i = 0; i + 1 < LOG_D; i += 2) sum += 0.5 * u[i] * u[i + 1];
    return sum;
  },
  optimum: 0,
  argmin: LOG_C,
};

export const SEARCH_FUNCTIONS: readonly TestFunction[] = [branin, hartmann6, logEllipsoid10];

/** A function's domains keyed by parameter name, the form proposeTpe takes. */
export function domainsByName(fn: TestFunction): Record<string, SearchDomain> {
  return Object.fromEntries(fn.names.map((n, i) => [n, fn.domains[i]]));
}

/** A proposal (by name) as the function's argument vector. */
export function pointOf(fn: TestFunction, params: Readonly<Record<string, number>>): number[] {
  return fn.names.map((n) => params[n]);
}
