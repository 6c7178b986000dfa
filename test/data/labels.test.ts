import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDataset } from '../../src/data/build-dataset.js';
import { hasTextLabels } from '../../src/data/text-labels.js';
import { DataError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

function csv(rows: string[]): string {
  const dir = tempDir('tfsweep-labels-');
  const file = path.join(dir, 'd.csv');
  writeFileSync(file, `x,y,label\n${rows.join('\n')}\n`);
  return file;
}

test('text labels: classes sorted, each row holds its class index; data.classes fixes the order', () => {
  const file = csv(['1,2,dog', '3,4,cat', '5,6,dog', '7,8,bird', '9,9,cat']);
  const ds = buildDataset({ path: file, target: ['label'], validation_split: 0.2, labels: true });
  assert.deepEqual(ds.classes, ['bird', 'cat', 'dog']);
  assert.deepEqual([0, 1, 2, 3, 4].map((r) => ds.values[r * 3 + 2]), [2, 1, 2, 0, 1]);
  assert.deepEqual(ds.inputCols, [0, 1]);
  const fixed = buildDataset({ path: file, target: ['label'], validation_split: 0.2, labels: true, classes: ['dog', 'cat', 'bird'] });
  assert.deepEqual([0, 1, 2, 3, 4].map((r) => fixed.values[r * 3 + 2]), [0, 1, 0, 2, 1]);
  assert.equal(hasTextLabels({ path: file, target: ['label'], validation_split: 0.2 }), true);
  assert.equal(hasTextLabels({ path: file, target: ['x'], validation_split: 0.2 }), false);
});

test('integer labels sort numerically (2 before 10)', () => {
  const file = csv(['1,2,10', '3,4,2', '5,6,10', '7,8,2']);
  const ds = buildDataset({ path: file, target: ['label'], validation_split: 0.25, labels: true });
  assert.deepEqual(ds.classes, ['2', '10']);
  assert.equal(hasTextLabels({ path: file, target: ['label'], validation_split: 0.2 }), false);
});

test('bad labels are DataErrors that name the rows and classes', () => {
  const bad = (rows: string[], extra: object = {}) => () => buildDataset({ path: csv(rows), target: ['label'], validation_split: 0.25, labels: true, ...extra });
  const isLabel = (re: RegExp) => (e: unknown) => e instanceof DataError && e.code === 'E_DATA_LABEL' && re.test(e.message);
  assert.throws(bad(['1,2,a', '3,4,a', '5,6,a', '7,8,a']), isLabel(/one class only \("a"\)/));
  assert.throws(bad(['1,2,a', '3,4,b', '5,6,a', '7,8,c']), isLabel(/class "c" appears in the validation rows but in no training row/));
  assert.throws(bad(['1,2,a', '3,4,', '5,6,a', '7,8,b']), isLabel(/row 1, label column "label" is empty/));
  assert.throws(bad(['1,2,a', '3,4,b', '5,6,a', '7,8,b'], { classes: ['a', 'c'] }), isLabel(/row 1 has label "b", which data.classes does not list \(a, c\)/));
  // With a shuffle the unseen-class check runs on the shuffled split.
  const ok = buildDataset({ path: csv(['1,1,a', '2,2,a', '3,3,b', '4,4,b', '5,5,a', '6,6,b', '7,7,a', '8,8,c', '9,9,c', '10,10,c']), target: ['label'], validation_split: 0.2, labels: true, shuffle: 3 });
  assert.deepEqual(ok.classes, ['a', 'b', 'c']);
});

test('the text-label sniff reads only the head of a large CSV', () => {
  const dir = tempDir('tfsweep-sniff-');
  const numbers = Array.from({ length: 200_000 }, (_, i) => `${i},${i % 7}`);
  const file = path.join(dir, 'big.csv');
  // Text only past the first megabyte: judged on the head, the column is numbers.
  writeFileSync(file, `x,y\n${numbers.join('\n')}\n1,late-text\n`);
  assert.equal(hasTextLabels({ path: file, target: ['y'], validation_split: 0.2 }), false);
  const labelled = path.join(dir, 'labelled.csv');
  writeFileSync(labelled, `x,y\n1,cat\n${numbers.join('\n')}\n`);
  assert.equal(hasTextLabels({ path: labelled, target: ['y'], validation_split: 0.2 }), true);
});
