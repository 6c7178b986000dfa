import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from '../../src/config/canonical-json.js';
import { closestName, editDistance } from '../../src/config/suggest.js';

describe('closestName', () => {
  const knobs = ['learning_rate', 'epochs', 'batch_size', 'loss', 'optimizer', 'seed'];
  it('suggests near misses, including swapped letters and case', () => {
    assert.equal(closestName('learning_rat', knobs), 'learning_rate');
    assert.equal(closestName('epoch', knobs), 'epochs');
    assert.equal(closestName('optimzier', knobs), 'optimizer');
    assert.equal(closestName('Batch_Size', knobs), 'batch_size');
  });
  it('stays quiet when nothing is close', () => {
    assert.equal(closestName('lr', knobs), undefined);
    assert.equal(closestName('temperature', knobs), undefined);
  });
  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and refuses non-finite numbers', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] }), '{"a":[{"c":"x","d":null}],"b":1}');
    assert.throws(() => canonicalJson({ a: NaN }), /non-finite/);
  });
});
