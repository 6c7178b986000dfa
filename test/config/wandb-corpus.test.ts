import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSpec } from '../../src/config/load-spec.js';
import { isTrainKnob, KNOB_ITEM_SCHEMAS } from '../../src/config/knob-schemas.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { SPEC_FIXTURES } from './fixture-paths.js';

/**
 * W&B-style sweep configurations, written the way the W&B documentation writes them and
 * using only knobs tfsweep has: each must load and plan, and every planned value must be
 * one its knob takes.
 */
const WANDB = join(SPEC_FIXTURES, 'wandb');
const files = readdirSync(WANDB).filter((f) => f.endsWith('.yaml')).sort();

describe('W&B-style configurations plan', () => {
  it('has a corpus', () => assert.ok(files.length >= 5, files.join(', ')));

  for (const f of files) {
    it(f, () => {
      const loaded = loadSpec(join(WANDB, f));
      const trials = planSweep(loaded.spec);
      assert.ok(trials.length > 0);
      assert.equal(new Set(trials.map((t) => t.key)).size, trials.length, 'distinct trials');
      for (const t of trials) {
        for (const [name, value] of Object.entries(t.params)) {
          if (!isTrainKnob(name) || value === null) continue;
          assert.ok(KNOB_ITEM_SCHEMAS[name].safeParse(value).success, `${f}: trial ${t.idx} ${name} = ${String(value)}`);
        }
      }
    });
  }

  it('lr-and-batch: the W&B-only keys are one warning; {min: 0.0001, max: 0.1} is uniform', () => {
    const loaded = loadSpec(join(WANDB, 'lr-and-batch.yaml'));
    assert.equal(loaded.warnings?.length, 1);
    assert.match(loaded.warnings?.[0] ?? '', /lr-and-batch\.yaml:2:1 {2}program: warning: W&B-only keys program, project, entity accepted and ignored/);
    assert.deepEqual(loaded.spec.parameters.learning_rate, { kind: 'distribution', distribution: 'uniform', min: 0.0001, max: 0.1 });
  });

  it('grid-ranges: every integer of int_uniform, q_uniform steps below max', () => {
    const trials = planSweep(loadSpec(join(WANDB, 'grid-ranges.yaml')).spec);
    assert.equal(trials.length, 3 * 3 * 3 * 2);
    assert.deepEqual([...new Set(trials.map((t) => t.params.batch_size))], [16, 32, 48]);
    assert.deepEqual([...new Set(trials.map((t) => t.params['model.layers.0.units']))], [4, 5, 6]);
  });

  it('log-scale: log_uniform reads its bounds as exponents', () => {
    const trials = planSweep(loadSpec(join(WANDB, 'log-scale.yaml')).spec);
    for (const t of trials) {
      assert.ok(t.train.learning_rate >= Math.exp(-9.21) * 0.999 && t.train.learning_rate <= Math.exp(-2.3) * 1.001, `${t.train.learning_rate}`);
      assert.ok(t.train.batch_size % 8 === 0);
    }
  });
});
