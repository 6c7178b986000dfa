import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { specJsonSchema, specJsonSchemaText } from '../../src/config/json-schema.js';
import { OPTIMIZER_SPELLINGS, OPTIMIZERS } from '../../src/config/types.js';
import { REPO_ROOT } from '../config/fixture-paths.js';

/** The compiled CLI, run as a user runs it. */
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const COMMITTED = join(REPO_ROOT, 'schema/tfsweep-spec.schema.json');

describe('tfsweep schema', () => {
  it('prints the JSON Schema generated from the validator schema', () => {
    const r = spawnSync(process.execPath, [CLI, 'schema'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, specJsonSchemaText());
    assert.deepEqual(JSON.parse(r.stdout), specJsonSchema());
  });

  it('matches the committed copy', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    assert.ok(
      committed === specJsonSchemaText(),
      'schema/tfsweep-spec.schema.json is out of date: regenerate it with `npm run build && node dist/src/cli/main.js schema > schema/tfsweep-spec.schema.json`',
    );
  });

  it('describes the spec: strict objects, knob value types, dotted parameter names', () => {
    const s = specJsonSchema() as Record<string, any>;
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(s.additionalProperties, false);
    assert.deepEqual(s.required, ['name', 'data', 'model']);
    const params = s.properties.parameters;
    assert.equal(params.additionalProperties, false);
    // Dotted paths and free-form names alike; a name with a space is not one.
    const [pattern] = Object.keys(params.patternProperties);
    for (const ok of ['model.layers.0.units', 'lr', 'hidden-size', 'training.batch_size']) assert.match(ok, new RegExp(pattern));
    assert.doesNotMatch('my lr', new RegExp(pattern));
    // Canonical names, then Keras's class names (the loader takes any letter case).
    assert.deepEqual(params.properties.optimizer.properties.values.items.enum, [...OPTIMIZERS, ...OPTIMIZER_SPELLINGS]);
    assert.equal(params.properties.weight_decay.properties.value.minimum, 0);
    assert.deepEqual(s.properties.parameters.default, {});
    assert.equal(params.properties.learning_rate.properties.value.exclusiveMinimum, 0);
    assert.ok(s.properties.early_terminate, 'early_terminate is reserved in the schema');
  });

  it('is referenced by the example sweeps', () => {
    for (const f of ['sweeps/quickstart.yaml', 'sweeps/identity-overnight.yaml']) {
      const first = readFileSync(join(REPO_ROOT, f), 'utf8').split('\n')[0];
      assert.equal(first, '# yaml-language-server: $schema=../schema/tfsweep-spec.schema.json', f);
    }
  });
});
