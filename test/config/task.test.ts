import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadSpecText } from '../../src/index.js';
import { loadSpecText as loadWithoutData } from '../../src/config/load-spec.js';
import { tempDir } from '../helpers/cli.js';
import { specProblems } from '../helpers/spec-problems.js';

const dir = tempDir('tfsweep-task-');
writeFileSync(path.join(dir, 'pets.csv'), 'w,h,kind\n1,2,cat\n3,4,dog\n5,6,cat\n7,8,dog\n');
writeFileSync(path.join(dir, 'nums.csv'), 'w,h,k\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');

function spec(extra = '', data = 'path: pets.csv\n  target: [kind]'): string {
  return `name: s\ndata:\n  ${data}\nmodel:\n  layers: [{type: dense, units: classes}]\n${extra}`;
}

function problems(text: string): string[] {
  return specProblems(() => loadSpecText(text, 'spec.yaml', dir));
}

test('the task is inferred: text labels, a classification loss, metric or data.classes; regression otherwise', () => {
  const labels = loadSpecText(spec(), 'spec.yaml', dir).spec;
  assert.equal(labels.task, 'classification');
  assert.deepEqual(labels.metric, { name: 'val_accuracy', goal: 'maximize' });
  assert.equal(labels.data.labels, true);
  const byLoss = loadSpecText(spec('parameters:\n  loss: {value: categorical_crossentropy}\n', 'path: nums.csv\n  target: [k]'), 'spec.yaml', dir).spec;
  assert.equal(byLoss.task, 'classification');
  const byMetric = loadSpecText(spec('metric: {name: val_acc}\n', 'path: nums.csv\n  target: [k]'), 'spec.yaml', dir).spec;
  assert.deepEqual([byMetric.task, byMetric.metric.name], ['classification', 'val_accuracy']);
  const byClasses = loadSpecText(spec('', 'path: nums.csv\n  target: [k]\n  classes: [1, 0]'), 'spec.yaml', dir).spec;
  assert.deepEqual(byClasses.data.classes, ['1', '0']);
  // Numbers in the target and nothing else: a regression, with no task key (its hash stays what it was).
  const reg = loadSpecText(spec().replace('units: classes', 'units: 1'), 'spec.yaml', dir).spec;
  assert.equal(reg.task, 'classification', 'text labels');
  const numeric = loadSpecText(spec('', 'path: nums.csv\n  target: [k]').replace('units: classes', 'units: 1'), 'spec.yaml', dir).spec;
  assert.equal('task' in numeric, false);
  assert.equal('labels' in numeric.data, false);
  // Without the data reader (config alone), `units: classes` says it; without either, a regression.
  assert.equal(loadWithoutData(spec(), 'spec.yaml', dir).spec.task, 'classification');
  assert.equal('task' in loadWithoutData(spec().replace('units: classes', 'units: 1'), 'spec.yaml', dir).spec, false);
  const byUnits = loadSpecText(spec('', 'path: nums.csv\n  target: [k]'), 'spec.yaml', dir).spec;
  assert.equal(byUnits.task, 'classification');
});

test('what does not fit the task is refused, located', () => {
  assert.deepEqual(problems(spec('parameters:\n  loss: {values: [mse, categorical_crossentropy]}\n')), [
    '8:19  parameters.loss.values[0]: mse is a regression loss, but this sweep is a classification (task, metric, data.classes or text labels say so); use categorical_crossentropy, binary_crossentropy, categorical_hinge',
  ]);
  const metric = problems(spec('metric: {name: val_r2}\n'));
  assert.equal(metric.length, 1);
  assert.match(metric[0], /^7:16 {2}metric\.name: val_r2 is not measured for classification: use one of loss, val_loss, accuracy, val_accuracy/);
  const smoothing = problems(`task: regression\n${spec('parameters:\n  label_smoothing: {value: 0.1}\n', 'path: nums.csv\n  target: [k]').replace('units: classes', 'units: 1')}`);
  assert.deepEqual(smoothing, ['9:3  parameters.label_smoothing: label_smoothing applies to classification losses; this sweep is a regression']);
  const units = problems(`task: regression\n${spec('', 'path: nums.csv\n  target: [k]')}`);
  assert.match(units[0], /model\.layers\[0\]\.units: units: classes is for classifiers/);
  const autoencoder = problems(`task: classification\n${spec('', 'path: nums.csv\n  target: input')}`);
  assert.match(autoencoder[0], /data\.target: classification predicts one column of class labels/);
});
