import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrng, deriveSeed, type Prng } from '../../../src/core/prng.js';
import type { Observation } from '../../../src/search/tpe/observation.js';
import { proposeTpe } from '../../../src/search/tpe/propose-tpe.js';
import { sampleUniform } from '../../../src/search/tpe/sample-uniform.js';
import { isInDomain, snapToDomain, type SearchDomain } from '../../../src/search/tpe/search-domain.js';
import { TpeError } from '../../../src/search/tpe/tpe-error.js';
import type { TpeOptions } from '../../../src/search/tpe/tpe-options.js';

const MIXED: Record<string, SearchDomain> = {
  lr: { kind: 'float', low: 1e-5, high: 1e-1, log: true },
  dropout: { kind: 'float', low: 0, high: 0.5, log: false, step: 0.05 },
  momentum: { kind: 'float', low: 0.5, high: 0.99, log: false },
  units: { kind: 'int', low: 8, high: 512, log: true, step: 1 },
  layers: { kind: 'int', low: 1, high: 7, log: false, step: 2 },
  optimizer: { kind: 'categorical', choices: 3 },
  fixed: { kind: 'int', low: 3, high: 3, log: false, step: 1 },
};

/** A made-up objective over MIXED: best near lr 1e-3, dropout 0.1, 128 units, optimizer 2. */
function mixedLoss(p: Record<string, number>): number {
  return (Math.log10(p.lr) + 3) ** 2 + (p.dropout - 0.1) ** 2 * 10 + (Math.log2(p.units) - 7) ** 2 / 4
    + (p.optimizer === 2 ? 0 : 1) + Math.abs(p.layers - 3) / 4 + (p.momentum - 0.9) ** 2;
}

function runTpe(domains: Record<string, SearchDomain>, f: (p: Record<string, number>) => number, rng: Prng, n: number, options: Partial<TpeOptions> = {}): Observation[] {
  const history: Observation[] = [];
  for (let i = 0; i < n; i++) {
    const params = proposeTpe(domains, history, rng, options);
    history.push({ params, value: f(params) });
  }
  return history;
}

function assertDomainValues(params: Record<string, number>, domains: Record<string, SearchDomain>): void {
  assert.deepEqual(Object.keys(params).sort(), Object.keys(domains).sort());
  for (const [name, d] of Object.entries(domains)) {
    const x = params[name];
    assert.ok(isInDomain(d, x), `${name}=${x} outside ${JSON.stringify(d)}`);
    if (d.kind === 'int') assert.ok(Number.isInteger(x), `${name}=${x} not an integer`);
    if (d.kind !== 'categorical') assert.equal(snapToDomain(d, x), x, `${name}=${x} off the grid`);
  }
}

test('every proposal is inside its bounds and on its grid, univariate and multivariate', () => {
  for (const multivariate of [false, true]) {
    const history = runTpe(MIXED, mixedLoss, createPrng(deriveSeed(1, 'bounds', String(multivariate))), 80, { multivariate });
    for (const o of history) assertDomainValues(o.params as Record<string, number>, MIXED);
    assert.ok(history.every((o) => o.params.fixed === 3));
  }
});

test('the same RNG state and history give the same proposal; another seed another one', () => {
  const history = runTpe(MIXED, mixedLoss, createPrng(7), 30);
  const again = runTpe(MIXED, mixedLoss, createPrng(7), 30);
  assert.deepEqual(again, history);
  const a = proposeTpe(MIXED, history, createPrng(99));
  const b = proposeTpe(MIXED, history, createPrng(99));
  const c = proposeTpe(MIXED, history, createPrng(100));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  // Key order of the domains does not matter: parameters are visited in sorted order.
  const reversed = Object.fromEntries(Object.entries(MIXED).reverse());
  assert.deepEqual(proposeTpe(reversed, history, createPrng(99)), a);
});

test('below nStartupTrials observations the proposal is a uniform prior draw', () => {
  const history = runTpe(MIXED, mixedLoss, createPrng(3), 9);
  assert.deepEqual(proposeTpe(MIXED, history, createPrng(4)), sampleUniform(MIXED, createPrng(4)));
  assert.notDeepEqual(proposeTpe(MIXED, history, createPrng(4), { nStartupTrials: 5 }), sampleUniform(MIXED, createPrng(4)));
});

test('failed observations are never good: proposals move away from where trials fail', () => {
  // x in [0, 1]; everything above 0.5 fails, below it the value is x. After startup, TPE keeps below 0.5.
  const domains: Record<string, SearchDomain> = { x: { kind: 'float', low: 0, high: 1, log: false } };
  const f = (p: Record<string, number>) => p.x;
  const history: Observation[] = [];
  const rng = createPrng(21);
  for (let i = 0; i < 60; i++) {
    const params = proposeTpe(domains, history, rng);
    history.push({ params, value: params.x > 0.5 ? null : f(params) });
  }
  // Uniform draws would fail half the time (15 of 30); measured with this seed: 4.
  const late = history.slice(30).filter((o) => o.value === null).length;
  assert.ok(late <= 8, `${late} of the last 30 proposals failed`);
  // Only failures so far: l(x) is the prior alone and the proposal avoids the failed region.
  const failures: Observation[] = Array.from({ length: 12 }, (_, i) => ({ params: { x: 0.55 + i * 0.04 }, value: null }));
  const picks = Array.from({ length: 20 }, (_, s) => proposeTpe(domains, failures, createPrng(s)).x);
  assert.ok(picks.filter((x) => x < 0.5).length >= 16, `picks ${picks.map((x) => x.toFixed(2)).join(' ')}`);
});

test('pruned observations inform the split; observations missing a parameter or outside its domain are skipped', () => {
  const domains: Record<string, SearchDomain> = { a: { kind: 'float', low: 0, high: 1, log: false }, b: { kind: 'categorical', choices: 2 } };
  const history: Observation[] = [];
  for (let i = 0; i < 20; i++) history.push({ params: { a: i / 20, b: i % 2 }, value: i, ...(i >= 10 ? { step: 1 } : {}) });
  history.push({ params: { a: 0.5 }, value: -5 }, { params: { a: 7, b: 5 }, value: -6 }, { params: { b: 1, a: Number.NaN }, value: -7 });
  for (const multivariate of [false, true]) {
    const p = proposeTpe(domains, history, createPrng(1), { multivariate });
    assertDomainValues(p, domains);
  }
});

test('options are checked: E_TPE_OPTIONS names the bad one', () => {
  const code = (e: unknown) => e instanceof TpeError && e.code === 'E_TPE_OPTIONS';
  const history = runTpe(MIXED, mixedLoss, createPrng(3), 12);
  assert.throws(() => proposeTpe(MIXED, history, createPrng(1), { nEiCandidates: 0 }), code);
  assert.throws(() => proposeTpe(MIXED, history, createPrng(1), { priorWeight: 0 }), code);
  assert.throws(() => proposeTpe(MIXED, history, createPrng(1), { gamma: () => 1.5 }), code);
  assert.throws(() => proposeTpe(MIXED, history, createPrng(1), { weights: (n) => new Array<number>(n).fill(-1) }), code);
  assert.throws(() => proposeTpe(MIXED, history, createPrng(1), { goal: 'up' as 'minimize' }), code);
  assert.throws(() => proposeTpe(MIXED, history, createPrng(1), { nStartup: 3 } as Partial<TpeOptions>), /unknown TPE option 'nStartup'; allowed: goal, nStartupTrials/);
});

/** Branin on [-5, 10] x [0, 15]; minimum 0.397887. */
function branin(p: Record<string, number>): number {
  const { x1, x2 } = p;
  return (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 * x1 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}
const BRANIN: Record<string, SearchDomain> = { x1: { kind: 'float', low: -5, high: 10, log: false }, x2: { kind: 'float', low: 0, high: 15, log: false } };

test('TPE beats random search on Branin: best after 60 trials, mean over 10 seeds', () => {
  const best = (history: Observation[]) => Math.min(...history.map((o) => o.value as number));
  let tpe = 0;
  let random = 0;
  for (let s = 0; s < 10; s++) {
    tpe += best(runTpe(BRANIN, branin, createPrng(deriveSeed(s, 'tpe')), 60)) / 10;
    const rng = createPrng(deriveSeed(s, 'random'));
    random += best(Array.from({ length: 60 }, () => { const params = sampleUniform(BRANIN, rng); return { params, value: branin(params) }; })) / 10;
  }
  // Measured with these seeds: TPE 0.676, random 1.609, so TPE's gap to the optimum is 0.23
  // of random's (0.279 against 1.211). Asserted: under half of it.
  assert.ok(tpe - 0.397887 < 0.5 * (random - 0.397887), `TPE ${tpe} vs random ${random}`);
});
