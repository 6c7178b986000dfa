import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpecError } from '../../src/errors.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import { camelCase, snakeCase } from '../../src/config/layer-names.js';
import { specJsonSchema } from '../../src/config/json-schema.js';

const DATA = `data:
  generate: {distribution: normal, mean: 0, std: 1, rows: 50, cols: 17}
  target: [16]
`;

function load(model: string, extra = '') {
  return loadSpecText(`name: s\n${DATA}${extra}model:\n  layers:\n${model}`, 'spec.yaml', '/specs');
}

function problems(model: string, extra = ''): string[] {
  try {
    load(model, extra);
  } catch (e) {
    if (e instanceof SpecError) return e.problems.map((p) => `${p.line}:${p.col}  ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('layer and option names between a spec and TensorFlow.js', () => {
  it('snake_case as Keras names layers, and back', () => {
    const pairs: [string, string][] = [
      ['conv2d', 'conv2d'], ['maxPooling2d', 'max_pooling2d'], ['conv2dTranspose', 'conv2d_transpose'], ['cropping2D', 'cropping2d'],
      ['simpleRNN', 'simple_rnn'], ['simpleRNNCell', 'simple_rnn_cell'], ['stackedRNNCells', 'stacked_rnn_cells'], ['leakyReLU', 'leaky_re_lu'],
      ['convLstm2dCell', 'conv_lstm2d_cell'], ['globalAveragePooling1d', 'global_average_pooling1d'], ['kernelSize', 'kernel_size'],
      ['movingMeanInitializer', 'moving_mean_initializer'],
    ];
    for (const [camel, snake] of pairs) assert.equal(snakeCase(camel), snake, camel);
    assert.equal(camelCase('kernel_size'), 'kernelSize');
    assert.equal(camelCase('go_backwards'), 'goBackwards');
    assert.equal(camelCase('units'), 'units');
  });
});

describe('a layer list holds any layer type', () => {
  it('keeps a generic layer as written, dense and dropout normalized as before', () => {
    const { spec } = load(`    - {type: conv1d, filters: 4, kernel_size: 3, padding: same}
    - {type: bidirectional, layer: {type: lstm, units: 8}}
    - {type: dropout, rate: 0.1}
    - {type: dense, units: 1}
`, '  input_shape: [8, 2]\n');
    assert.deepEqual(spec.model, {
      layers: [
        { type: 'conv1d', filters: 4, kernel_size: 3, padding: 'same' },
        { type: 'bidirectional', layer: { type: 'lstm', units: 8 } },
        { type: 'dropout', rate: 0.1 },
        { type: 'dense', units: 1, activation: 'linear', use_bias: true, kernel_initializer: 'glorot_uniform', bias_initializer: 'zeros' },
      ],
    });
    assert.deepEqual(spec.data.input_shape, [8, 2]);
  });

  it('leaves input_shape out of the data section unless given (older trial keys stay)', () => {
    const { spec } = load('    - {type: dense, units: 1}\n');
    assert.equal('input_shape' in spec.data, false);
  });

  it('reports a dense or dropout mistake by their own schema, not the generic one', () => {
    assert.deepEqual(problems('    - {type: dense, units: 1, activation: tanhh}\n'), [
      '7:43  model.layers[0].activation: expected one of linear, relu, relu6, tanh, sigmoid, hard_sigmoid, elu, selu, softplus, softsign, swish, gelu, softmax, got "tanhh" (did you mean "tanh"?)',
    ]);
    assert.deepEqual(problems('    - {type: dense, unit: 1}\n'), [
      '7:7  model.layers[0].units: missing, expected a whole number >= 1, input or classes',
      '7:21  model.layers[0].unit: unknown key "unit" (did you mean "units"?); allowed keys: type, units, activation, use_bias, kernel_initializer, bias_initializer',
    ]);
    assert.deepEqual(problems('    - {type: dropout}\n'), ['7:5  model.layers: expected a layer with weights (dense, conv2d, lstm, ...), got only dropout', '7:7  model.layers[0].rate: missing, expected a number in [0, 1)']);
  });

  it('checks only the spelling of generic layers (TensorFlow.js judges the rest at plan time)', () => {
    assert.deepEqual(problems('    - {type: MaxPooling2D}\n'), [
      '7:14  model.layers[0].type: expected a layer type in snake_case (a tf.layers name such as conv2d or max_pooling2d), got "MaxPooling2D" (did you mean "max_pooling2d"?)',
    ]);
    assert.deepEqual(problems('    - {type: lstm, returnSequences: true}\n'), [
      '7:37  model.layers[0].returnSequences: expected an option name in snake_case, as Keras spells it, got "returnSequences" (did you mean "return_sequences"?)',
    ]);
    assert.deepEqual(problems('    - {type: lstm_typo_that_tfjs_lacks, units: 3}\n'), [], 'an unknown type is the plan-time check\'s');
    assert.deepEqual(problems('    - {type: dropout, rate: 0.1}\n'), ['7:5  model.layers: expected a layer with weights (dense, conv2d, lstm, ...), got only dropout']);
  });

  it('refuses a malformed input_shape', () => {
    assert.deepEqual(problems('    - {type: dense, units: 1}\n', '  input_shape: [4, 0]\n'), ['5:20  data.input_shape[1]: expected a whole number from 1 to 1000000, got 0']);
  });
});

describe('dotted parameters reach the options of generic layers', () => {
  const MODEL = `    - {type: conv1d, filters: 4, kernel_size: 3}
    - {type: bidirectional, layer: {type: lstm, units: 8}}
    - {type: dense, units: 1}
`;
  const SHAPE = '  input_shape: [8, 2]\n';

  it('a written option, an unwritten one, and one of a nested layer', () => {
    const { spec } = loadSpecText(`name: s\n${DATA}${SHAPE}model:\n  layers:\n${MODEL}parameters:
  model.layers.0.filters: {values: [4, 8]}
  model.layers.0.padding: {values: [valid, same]}
  model.layers.1.layer.units: {values: [4, 8]}
  model.layers.1.merge_mode: {value: sum}
`, 'spec.yaml', '/specs');
    assert.deepEqual(Object.keys(spec.parameters), ['model.layers.0.filters', 'model.layers.0.padding', 'model.layers.1.layer.units', 'model.layers.1.merge_mode']);
  });

  it('still resolves dense options strictly, and never sweeps a type', () => {
    const text = `name: s\n${DATA}${SHAPE}model:\n  layers:\n${MODEL}parameters:
  model.layers.2.activaton: {values: [relu, tanh]}
  model.layers.0.type: {values: [conv1d, lstm]}
  model.layers.0.padding.x: {value: 1}
`;
    assert.throws(() => loadSpecText(text, 'spec.yaml', '/specs'), (e: unknown) => {
      assert.ok(e instanceof SpecError);
      const lines = e.problems.map((p) => `${p.path}: ${p.message}`);
      assert.equal(lines.length, 3, lines.join('\n'));
      assert.match(lines[0], /^parameters.model.layers.2.activaton: does not resolve: model.layers.2 has no key "activaton" \(did you mean "activation"\?\)/);
      assert.match(lines[1], /^parameters.model.layers.0.type: model.layers.0.type cannot be swept/);
      assert.match(lines[2], /^parameters.model.layers.0.padding.x: does not resolve: model.layers.0 has no key "padding"/);
      return true;
    });
  });
});

describe('the JSON Schema of a layer', () => {
  it('offers dense, dropout, and any other type in snake_case', () => {
    const s = specJsonSchema() as Record<string, any>;
    const layers = s.properties.model.properties.layers.items;
    assert.equal(layers.anyOf.length, 2);
    const generic = layers.anyOf[1];
    assert.equal(generic.type, 'object');
    assert.equal(new RegExp(generic.properties.type.pattern).test('conv2d'), true);
    assert.equal(new RegExp(generic.properties.type.pattern).test('dense'), false);
    assert.equal(new RegExp(generic.properties.type.pattern).test('Conv2D'), false);
  });
});
