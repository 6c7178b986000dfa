import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrng } from '../../../src/core/prng.js';
import { sampleUniformValue } from '../../../src/search/tpe/sample-uniform.js';
import { checkDomain, domainHigh, isInDomain, isSingleValued, snapToDomain, type SearchDomain } from '../../../src/search/tpe/search-domain.js';
import { TpeError } from '../../../src/search/tpe/tpe-error.js';

test('malformed domains are refused with E_TPE_DOMAIN, naming the parameter', () => {
  const bad: SearchDomain[] = [
    { kind: 'float', low: 1, high: 0, log: false },
    { kind: 'float', low: 0, high: Infinity, log: false },
    { kind: 'float', low: 0, high: 1, log: true },
    { kind: 'float', low: 0.1, high: 1, log: true, step: 0.1 },
    { kind: 'float', low: 0, high: 1, log: false, step: 0 },
    { kind: 'int', low: 0.5, high: 3, log: false, step: 1 },
    { kind: 'int', low: 0, high: 3, log: false, step: 1.5 },
    { kind: 'int', low: 0, high: 10, log: true, step: 1 },
    { kind: 'int', low: 1, high: 10, log: true, step: 2 },
    { kind: 'categorical', choices: 0 },
    { kind: 'categorical', choices: 2.5 },
  ];
  for (const d of bad) {
    assert.throws(() => checkDomain('lr', d), (e: unknown) => e instanceof TpeError && e.code === 'E_TPE_DOMAIN' && e.exitCode === 2 && e.message.startsWith("parameter 'lr': "), JSON.stringify(d));
  }
  checkDomain('ok', { kind: 'int', low: 1, high: 1, log: true, step: 1 });
});

test('grids: high ends at the last grid point; snapping rounds onto the grid inside the bounds', () => {
  const d: SearchDomain = { kind: 'float', low: 0, high: 1, log: false, step: 0.3 };
  assert.equal(domainHigh(d), 0.8999999999999999);
  assert.equal(snapToDomain(d, 0.44), 0.3);
  assert.equal(snapToDomain(d, 5), domainHigh(d));
  assert.equal(domainHigh({ kind: 'float', low: 0, high: 1, log: false, step: 0.1 }), 1);
  const i: SearchDomain = { kind: 'int', low: 2, high: 11, log: false, step: 3 };
  assert.equal(domainHigh(i), 11);
  assert.equal(snapToDomain(i, 6.4), 5);
  assert.equal(snapToDomain(i, -100), 2);
  assert.ok(isSingleValued({ kind: 'int', low: 4, high: 5, log: false, step: 2 }));
  assert.ok(isSingleValued({ kind: 'categorical', choices: 1 }));
  assert.ok(isInDomain(i, 11) && !isInDomain(i, 12) && !isInDomain(i, Number.NaN));
  assert.ok(isInDomain({ kind: 'categorical', choices: 3 }, 2) && !isInDomain({ kind: 'categorical', choices: 3 }, 1.5));
});

test('uniform prior draws: inside the bounds, on the grid, every grid point reached', () => {
  const rng = createPrng(5);
  const domains: SearchDomain[] = [
    { kind: 'float', low: -2, high: 3, log: false },
    { kind: 'float', low: 1e-5, high: 1e-1, log: true },
    { kind: 'float', low: 0, high: 1, log: false, step: 0.25 },
    { kind: 'int', low: -3, high: 3, log: false, step: 2 },
    { kind: 'int', low: 1, high: 64, log: true, step: 1 },
    { kind: 'categorical', choices: 4 },
  ];
  for (const d of domains) {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = sampleUniformValue(d, rng);
      assert.ok(isInDomain(d, x), `${x} in ${JSON.stringify(d)}`);
      if (d.kind !== 'categorical') assert.equal(snapToDomain(d, x), x);
      seen.add(x);
    }
    if (d.kind === 'categorical') assert.equal(seen.size, 4);
    if (d.kind === 'int' && !d.log) assert.deepEqual([...seen].sort((a, b) => a - b), [-3, -1, 1, 3]);
    if (d.kind === 'float' && d.step) assert.equal(seen.size, 5);
  }
});
