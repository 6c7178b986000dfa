import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatProblem, SpecError } from '../../src/errors.js';
import { loadSpec } from '../../src/config/load-spec.js';
import { badSpecCases } from './fixture-paths.js';

const cases = badSpecCases();

describe('bad spec corpus', () => {
  it('has at least 20 specs, each with its expected problems', () => {
    assert.ok(cases.length >= 20, `only ${cases.length} bad specs`);
    for (const c of cases) assert.ok(c.expected.length > 0, `${c.name}.expected is empty`);
  });

  for (const c of cases) {
    it(`${c.name}: reports exactly its located problems`, () => {
      let error: unknown;
      try {
        loadSpec(c.file);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof SpecError, `${c.name} loaded without a SpecError`);
      assert.equal(error.exitCode, 2);
      assert.equal(error.code, 'E_SPEC');
      const lines = error.problems.map(formatProblem);
      assert.equal(lines.length, c.expected.length, `problems:\n${lines.join('\n')}`);
      c.expected.forEach((want, i) => {
        assert.ok(lines[i].startsWith(`${c.file}:`), lines[i]);
        assert.ok(lines[i].includes(want), `problem ${i}:\n  got:  ${lines[i]}\n  want: ${want}`);
      });
    });
  }
});
