import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffLines, specChangedMessage } from '../../src/storage/sqlite/spec-diff.js';

describe('diffLines', () => {
  it('lists removed and added lines with their line numbers, in file order', () => {
    const a = 'name: q\nepochs: 3\nlr: 0.1\nseed: 1\n';
    const b = 'name: q\nepochs: 5\nlr: 0.1\nseed: 1\nbatch: 8\n';
    assert.deepEqual(diffLines(a, b), ['- 2: epochs: 3', '+ 2: epochs: 5', '+ 5: batch: 8']);
  });

  it('is empty for equal texts, ignoring line-ending style', () => {
    assert.deepEqual(diffLines('a\nb\n', 'a\r\nb\r\n'), []);
  });

  it('caps a long diff with a count of what was left out', () => {
    const a = Array.from({ length: 30 }, (_, i) => `k${i}: 1`).join('\n');
    const b = Array.from({ length: 30 }, (_, i) => `k${i}: 2`).join('\n');
    const out = diffLines(a, b, 4);
    assert.equal(out.length, 5);
    assert.equal(out[4], '... and 56 more changed lines');
  });
});

describe('specChangedMessage', () => {
  const stored = { id: 7, name: 'q', spec_yaml: 'a: 1\n', created_at: '2024-01-01T00:00:00.000Z' };
  it('names the kept sweep and the way forward', () => {
    const m = specChangedMessage(stored, 'a: 2\n', false);
    assert.match(m, /sweep 'q' already exists/);
    assert.match(m, /- 1: a: 1\n {2}\+ 1: a: 2/);
    assert.match(m, /'q@7'/);
  });
  it('explains an identical text whose normalized form differs', () => {
    assert.match(specChangedMessage(stored, 'a: 1\n', false), /resolves differently/);
  });
});
