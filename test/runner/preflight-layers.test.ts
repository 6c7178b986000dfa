import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSpecText } from '../../src/config/load-spec.js';
import { formatProblem, SpecError } from '../../src/errors.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { preflight } from '../../src/runner/preflight.js';
import { preflightModels } from '../../src/runner/preflight-model.js';

/**
 * The plan-time check of layer lists: what TensorFlow.js refuses is a located problem of
 * the spec (file:line:col, key path, the message in the spec's words), exit 2, before
 * anything trains, as `plan` and `run` run it.
 */

const DATA = `data:
  generate: {distribution: normal, mean: 0, std: 1, rows: 40, cols: 17, seed: 1}
  target: [16]
`;

async function problems(body: string): Promise<string[]> {
  const loaded = loadSpecText(`name: p\n${body}`, 'spec.yaml', '/specs');
  const trials = planSweep(loaded.spec);
  try {
    const datasets = preflight(loaded, trials);
    await preflightModels(loaded, trials, datasets);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    assert.equal(e.exitCode, 2);
    return e.problems.map(formatProblem);
  }
  return [];
}

describe('preflight of layer lists', () => {
  it('an unknown type, an unknown option and a refused value: each at its key, all at once', async () => {
    const found = await problems(`${DATA}  input_shape: [4, 4, 1]
model:
  layers:
    - {type: conv2d, filters: 2, kernel_size: 3, padding: sme}
    - {type: max_pooling_2d, pool_size: 2}
    - {type: flatten, data_fromat: channels_last}
    - {type: dense, units: 1}
`);
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(found[0], /^spec\.yaml:8:59 {2}model\.layers\[0\]\.padding: sme is not a valid PaddingMode\. Valid values are valid,same,causal/);
    assert.match(found[1], /^spec\.yaml:9:14 {2}model\.layers\[1\]\.type: unknown layer type "max_pooling_2d" \(did you mean "max_pooling2d"\?\); types are the tf\.layers functions in snake_case/);
    assert.match(found[2], /^spec\.yaml:10:23 {2}model\.layers\[2\]\.data_fromat: unknown option "data_fromat" for flatten \(did you mean "data_format"\?\); its options: data_format, trainable$/);
  });

  it('a layer that does not take flat rows points at data.input_shape', async () => {
    const found = await problems(`${DATA}model:
  layers:
    - {type: lstm, units: 2}
    - {type: dense, units: 1}
`);
    assert.deepEqual(found, [
      'spec.yaml:7:7  model.layers[0]: expects inputs of 2 axes per row (rank 3 with the batch), but receives [batch, 16]: ' +
        "the data's rows are flat; give data.input_shape (such as [8, 8, 1] or [timesteps, features]), or start with a reshape layer",
    ]);
  });

  it('the output width from the built model, whatever the architecture', async () => {
    const found = await problems(`${DATA}  input_shape: [8, 2]
model:
  layers:
    - {type: conv1d, filters: 3, kernel_size: 2}
`);
    assert.deepEqual(found, [
      'spec.yaml:8:7  model.layers[0]: the model outputs 21 values per row (shape [7, 3]) but the data has 1 target column (c16): ' +
        'end with a layer of that width, such as {type: dense, units: 1} (after a flatten, or a global pooling layer)',
    ]);
  });

  it('a bad value a swept parameter puts in is located at that value', async () => {
    const found = await problems(`${DATA}  input_shape: [8, 2]
model:
  layers:
    - {type: conv1d, filters: 3, kernel_size: 2}
    - {type: global_max_pooling1d}
    - {type: dense, units: 1}
parameters:
  model.layers.0.filters: {values: [3, -2]}
  model.layers.0.padding: {values: [valid, causal, full]}
`);
    assert.equal(found.length, 3, found.join('\n'));
    // What only fails when run cannot be pinned on one value: it stays at the layer, naming the trial's values.
    assert.equal(found[0], 'spec.yaml:8:7  model.layers[0]: with model.layers.0.filters = 3, model.layers.0.padding = causal: ' +
      'fails when run: The support for CAUSAL padding mode in conv1dWithBias is not implemented yet');
    assert.match(found[1], /^spec\.yaml:12:40 {2}parameters\.model\.layers\.0\.filters\.values\[1\]: with model\.layers\.0\.filters = -2: Convolution layer expected filters to be a 'number' > 0 but got -2$/);
    assert.match(found[2], /^spec\.yaml:13:52 {2}parameters\.model\.layers\.0\.padding\.values\[2\]: with model\.layers\.0\.padding = full: full is not a valid PaddingMode/);
  });

  it('input_shape must hold the input columns', async () => {
    const found = await problems(`${DATA}  input_shape: [4, 5]
model:
  layers:
    - {type: lstm, units: 1}
`);
    assert.deepEqual(found, ['spec.yaml:5:16  data.input_shape: input_shape [4, 5] holds 20 values per row, but the data has 16 input columns (17 columns less 1 target)']);
  });

  it('a sound list passes, a classifier head of units: classes included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfsweep-layers-'));
    const rows = Array.from({ length: 30 }, (_, r) => `${Array.from({ length: 8 }, (_, k) => ((r * 7 + k * 3) % 5) / 5).join(',')},${['a', 'b', 'c'][r % 3]}`);
    writeFileSync(join(dir, 'd.csv'), `${Array.from({ length: 8 }, (_, k) => `x${k}`).join(',')},label\n${rows.join('\n')}\n`);
    const loaded = loadSpecText(`name: p
task: classification
data:
  path: d.csv
  target: [label]
  input_shape: [4, 2]
model:
  layers:
    - {type: gru, units: 4}
    - {type: dense, units: classes}
    - {type: softmax}
`, 'spec.yaml', dir);
    const trials = planSweep(loaded.spec);
    await preflightModels(loaded, trials, preflight(loaded, trials));
  });
});
