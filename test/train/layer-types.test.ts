import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../config/fixture-paths.js';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { snakeCase } from '../../src/config/layer-names.js';
import type { GenericLayerSpec, LayerSpec } from '../../src/config/types.js';
import { buildLayerModel } from '../../src/train/build-model.js';
import { checkLayerList } from '../../src/train/layers/check-layer-list.js';
import { LayerConfigError, LayerOptionError } from '../../src/train/layers/layer-config-error.js';
import { LAYER_TYPES, listLayerTypes, whyNotAType } from '../../src/train/layers/layer-types.js';
import { makeGenericLayer } from '../../src/train/layers/make-layer.js';
import { dense } from './helpers.js';

before(async () => {
  await tf.setBackend('cpu');
});

describe('the layer types are derived from the tf.layers namespace', () => {
  it('has every tf.layers layer function, in snake_case', () => {
    const types = listLayerTypes();
    assert.ok(types.length > 40, `only ${types.length} types`);
    for (const t of [
      'conv1d', 'conv2d', 'separable_conv2d', 'depthwise_conv2d', 'conv2d_transpose', 'max_pooling1d', 'max_pooling2d', 'average_pooling1d',
      'average_pooling2d', 'global_average_pooling1d', 'global_average_pooling2d', 'global_max_pooling1d', 'global_max_pooling2d', 'flatten',
      'batch_normalization', 'layer_normalization', 'dropout', 'dense', 'lstm', 'gru', 'simple_rnn', 'bidirectional', 'embedding', 'reshape',
      'activation', 'up_sampling2d', 'zero_padding2d', 'cropping2d', 'repeat_vector', 'permute', 'gaussian_noise', 'time_distributed', 'rnn',
    ]) assert.ok(types.includes(t), `${t} is missing`);
  });

  it('maps every lowercase tf.layers function mechanically: a type, a cell, or refused with a reason', () => {
    const functions = Object.keys(tf.layers).filter((k) => /^[a-z]/.test(k) && typeof (tf.layers as unknown as Record<string, unknown>)[k] === 'function');
    const seen = new Set<string>();
    for (const f of functions) {
      const type = snakeCase(f);
      assert.ok(!seen.has(type), `two functions map to ${type}`);
      seen.add(type);
      const known = LAYER_TYPES.get(type);
      if (known) assert.equal(known.factory, f);
      else assert.match(whyNotAType(type, false) ?? '', new RegExp(`^${type} (merges|is the model's input)`), f);
    }
    assert.deepEqual([...LAYER_TYPES.values()].filter((t) => t.cell).map((t) => t.type).sort(), ['conv_lstm2d_cell', 'gru_cell', 'lstm_cell', 'simple_rnn_cell', 'stacked_rnn_cells']);
  });

  it('the README lists exactly the types of the installed TensorFlow.js', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const line = readme.split('\n').find((l) => l.trim().startsWith('`activation`, `alpha_dropout`'));
    assert.ok(line, 'README: the list of layer types');
    assert.deepEqual([...line.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]), listLayerTypes());
  });

  it('explains names that are not a type', () => {
    assert.match(whyNotAType('conv2', false) ?? '', /^unknown layer type "conv2" \(did you mean "conv2d"\?\)/);
    assert.match(whyNotAType('lstm_cell', false) ?? '', /recurrent cell: use it inside an rnn layer/);
    assert.equal(whyNotAType('lstm_cell', true), undefined);
    assert.match(whyNotAType('concatenate', false) ?? '', /merges several inputs/);
  });
});

function refusal(spec: GenericLayerSpec): LayerOptionError {
  try {
    makeGenericLayer(spec, { seed: 1, index: 0, nIn: 4 });
  } catch (e) {
    if (e instanceof LayerOptionError) return e;
    throw e;
  }
  assert.fail(`${JSON.stringify(spec)} was built`);
}

describe('a generic layer is built as written or refused where the problem is', () => {
  it('refuses an unknown option (TensorFlow.js would ignore it) and lists the layer\'s options', () => {
    const e = refusal({ type: 'conv2d', filters: 2, kernel_size: 3, padding: 'same', stride: 2 });
    assert.deepEqual(e.path, ['stride']);
    assert.equal(e.atKey, true);
    assert.match(e.message, /^unknown option "stride" for conv2d \(did you mean "strides"\?\); its options: activation, .*kernel_size, padding, strides/);
  });

  it('names the snake_case spelling of a camelCase key', () => {
    const e = refusal({ type: 'conv2d', filters: 2, kernelSize: 3 });
    assert.deepEqual(e.path, ['kernelSize']);
    assert.match(e.message, /did you mean "kernel_size"/);
  });

  it('says which required option is missing, at a misspelt key when there is one', () => {
    assert.match(refusal({ type: 'conv2d', filters: 2 }).message, /^missing kernel_size, which conv2d needs; its options: /);
    const typo = refusal({ type: 'conv2d', filters: 2, kernel_sise: 3 });
    assert.deepEqual(typo.path, ['kernel_sise']);
    assert.match(typo.message, /unknown option "kernel_sise" for conv2d \(did you mean "kernel_size"\?\): missing kernel_size/);
  });

  it('locates a value TensorFlow.js refuses at its option, in the spec\'s words', () => {
    const padding = refusal({ type: 'conv2d', filters: 2, kernel_size: 3, padding: 'sme' });
    assert.deepEqual(padding.path, ['padding']);
    assert.match(padding.message, /sme is not a valid PaddingMode/);
    const filters = refusal({ type: 'conv2d', filters: 2.5, kernel_size: 3 });
    assert.deepEqual(filters.path, ['filters']);
    assert.match(filters.message, /filters to be a positive integer, but got 2.5/);
    const act = refusal({ type: 'lstm', units: 2, recurrent_activation: 'sigmoyd' });
    assert.deepEqual(act.path, ['recurrent_activation']);
    assert.match(act.message, /unknown activation "sigmoyd" \(did you mean "sigmoid"\?\)/);
    const init = refusal({ type: 'lstm', units: 2, recurrent_initializer: 'orthogonl' });
    assert.deepEqual(init.path, ['recurrent_initializer']);
    assert.match(init.message, /unknown initializer "orthogonl" \(did you mean "orthogonal"\?\); initializers: constant, glorot_normal/);
  });

  it('locates problems inside a nested layer below it', () => {
    const e = refusal({ type: 'bidirectional', layer: { type: 'lstm', units: 2, unit: 3 } });
    assert.deepEqual(e.path, ['layer', 'unit']);
    assert.match(e.message, /unknown option "unit" for lstm \(did you mean "units"\?\)/);
  });

  it('keeps what tfsweep sets out of the spec', () => {
    const e = refusal({ type: 'conv2d', filters: 2, kernel_size: 3, input_shape: [4, 4, 1] });
    assert.deepEqual(e.path, ['input_shape']);
    assert.match(e.message, /set data.input_shape/);
  });

  it('seeds every initializer from the trial seed and the position, defaults included', () => {
    const weights = (seed: number, layers: LayerSpec[] = [{ type: 'lstm', units: 3, return_sequences: true }, { type: 'conv1d', filters: 2, kernel_size: 1 }]) => {
      const model = buildLayerModel(layers, 8, seed, [4, 2]);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    const a = weights(7);
    assert.deepEqual(weights(7), a, 'the same seed builds the same weights (kernel, orthogonal recurrent kernel, conv kernel)');
    const b = weights(8);
    assert.notDeepEqual(b[0], a[0]);
    assert.notDeepEqual(b[1], a[1]);
  });

  it('leaves dense and dropout lists built exactly as before', () => {
    const model = buildLayerModel([dense(3, { kernel_initializer: 'identity' }), { type: 'dropout', rate: 0.5 }, dense(2)], 4, 1);
    assert.deepEqual(model.layers.map((l) => l.name), ['dense_0', 'dropout_1', 'dense_2']);
    assert.deepEqual(model.outputs[0].shape, [null, 2]);
    model.dispose();
  });
});

describe('checkLayerList: what only a built model tells', () => {
  it('a layer that does not take the inputs it gets, with the fix', () => {
    const flat = checkLayerList([{ type: 'conv2d', filters: 2, kernel_size: 3 }], 64, undefined, 0);
    assert.equal(flat.issues.length, 1);
    assert.match(flat.issues[0].message, /^expects inputs of 3 axes per row \(rank 4 with the batch\), but receives \[batch, 64\]: the data's rows are flat; give data.input_shape/);
  });

  it('an axis that comes out empty, and a reshape that fails when run', () => {
    const empty = checkLayerList([{ type: 'conv2d', filters: 2, kernel_size: 9 }], 64, [8, 8, 1], 0);
    assert.match(empty.issues[0].message, /outputs would have shape \[batch, 0, 0, 2\] for inputs of shape \[batch, 8, 8, 1\]/);
    const reshape = checkLayerList([{ type: 'reshape', target_shape: [7, 7] }, { type: 'flatten' }, dense(1)], 64, undefined, 0);
    assert.deepEqual(reshape.issues.map((i) => i.layer), [0]);
    assert.match(reshape.issues[0].message, /^fails when run: Total size of new array must be unchanged/);
  });

  it('every layer\'s own problems at once; a sound list gives its output shape and no issue', () => {
    const both = checkLayerList([{ type: 'conv2d', filters: 2, kernel_size: 3, foo: 1 }, { type: 'max_pooling2', pool_size: 2 }], 64, [8, 8, 1], 0);
    assert.deepEqual(both.issues.map((i) => [i.layer, i.path]), [[0, ['foo']], [1, ['type']]]);
    const ok = checkLayerList([{ type: 'conv2d', filters: 2, kernel_size: 3 }, { type: 'flatten' }, dense(1)], 64, [8, 8, 1], 0);
    assert.deepEqual(ok, { issues: [], outputShape: [null, 1] });
  });

  it('a LayerConfigError names the layer\'s path for a trial that meets one anyway', () => {
    assert.throws(() => buildLayerModel([dense(2), { type: 'lstm', units: 2 }], 4, 0), (e: unknown) => {
      assert.ok(e instanceof LayerConfigError);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /^model\.layers\[1\]: expects inputs of 2 axes per row/);
      return true;
    });
  });
});
