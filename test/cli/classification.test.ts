import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { runCli, tempProject } from '../helpers/cli.js';

/**
 * A classifier from a CSV of text labels, end to end through the CLI: three well separated
 * blobs in 2-D (seeded, 40 rows each, interleaved so the last rows hold every class).
 */
function blobs(): string {
  const centers: [string, number, number][] = [['circle', 0, 0], ['square', 4, 0], ['star', 0, 4]];
  let s = 1;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  const rows = ['x,y,shape'];
  for (let i = 0; i < 40; i++) for (const [name, cx, cy] of centers) rows.push(`${(cx + rand()).toFixed(4)},${(cy + rand()).toFixed(4)},${name}`);
  return `${rows.join('\n')}\n`;
}

const SPEC = `name: shapes
data:
  path: shapes.csv
  target: [shape]
  validation_split: 0.25
model:
  layers:
    - {type: dense, units: 8, activation: relu}
    - {type: dense, units: classes}
parameters:
  normalization: {values: [none, feature]}
  learning_rate: {values: [0.05, 0.01]}
  optimizer: {value: adam}
  epochs: {value: 15}
  batch_size: {value: 8}
`;

test('a CSV of text labels trains a classifier: val_accuracy ranks, the view has it, show prints the confusion matrix', async () => {
  const dir = tempProject({ 'shapes.yaml': SPEC, 'shapes.csv': blobs() });
  const plan = await runCli(['plan', 'shapes.yaml'], { cwd: dir });
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /task:\s+classification, 3 classes \(circle, square, star\)/);
  assert.match(plan.stdout, /metric: val_accuracy \(maximize\)/);
  const run = await runCli(['run', 'shapes.yaml', '--workers', '2'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Top 4 of shapes by val_accuracy \(maximize\)/);
  assert.match(run.stdout, /\| val_accuracy \| val_f1 +\| val_loss/);
  const db = new Database(path.join(dir, 'results', 'tfsweep.db'), { readonly: true });
  const rows = db.prepare("SELECT trial_id, val_accuracy, accuracy, val_f1, val_auc, val_r2, warnings FROM results WHERE sweep = 'shapes' ORDER BY val_accuracy DESC").all() as
    { trial_id: number; val_accuracy: number; accuracy: number; val_f1: number; val_auc: number; val_r2: number | null; warnings: string }[];
  assert.equal(rows.length, 4);
  // Separable blobs: the best trial classifies every validation row.
  assert.equal(rows[0].val_accuracy, 1);
  assert.ok(rows.every((r) => r.val_r2 === null && r.accuracy >= 0 && r.accuracy <= 1 && r.val_auc >= 0.5), JSON.stringify(rows));
  const epochs = db.prepare("SELECT count(*) n FROM epoch_results WHERE sweep = 'shapes' AND val_accuracy IS NOT NULL AND accuracy IS NOT NULL").get() as { n: number };
  assert.equal(epochs.n, 4 * 15);
  const classes = db.prepare('SELECT classes FROM weights WHERE trial_id = ?').get(rows[0].trial_id) as { classes: string };
  assert.deepEqual(JSON.parse(classes.classes), ['circle', 'square', 'star']);
  db.close();
  const show = await runCli(['show', String(rows[0].trial_id)], { cwd: dir });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /Validation confusion matrix/);
  assert.match(show.stdout, /\| circle +\| 10 +\| 0 +\| 0 +\| 1\.0000 \|/);
  assert.doesNotMatch(show.stdout, /val_r2/);
  // The report: classification metrics in the ranked table, the best trial's confusion matrix, no loss-versus-scale section.
  const out = path.join(dir, 'shapes.html');
  const report = await runCli(['report', 'shapes', '-o', out], { cwd: dir });
  assert.equal(report.code, 0, report.stderr);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /<th>val_accuracy<\/th><th>val_f1<\/th><th>val_loss<\/th>/);
  assert.match(html, /<table id="confusion-table"><thead><tr><th>true \\ predicted<\/th><th>circle<\/th><th>square<\/th><th>star<\/th>/);
  assert.match(html, /majority_class/);
  assert.doesNotMatch(html, /<h2 id="scale">/);
  // export has the classification columns, not the regression ones.
  const csv = await runCli(['export', 'shapes', '--format', 'csv'], { cwd: dir });
  const header = csv.stdout.split('\n')[0];
  assert.match(header, /val_accuracy/);
  assert.doesNotMatch(header, /val_r2/);
  // An exported classifier names its classes, in output order.
  const exported = await runCli(['export-model', String(rows[0].trial_id), 'model'], { cwd: dir });
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /a classifier of 3 classes/);
  const meta = JSON.parse(readFileSync(path.join(dir, 'model', 'model.json'), 'utf8')).userDefinedMetadata.tfsweep;
  assert.deepEqual(meta.classes, ['circle', 'square', 'star']);
});

test('a classifier whose last layer does not fit the classes, or a regression loss on text labels, is refused at plan time', async () => {
  const dir = tempProject({
    'wide.yaml': SPEC.replace('units: classes', 'units: 2'),
    'mse.yaml': `${SPEC}  loss: {value: mse}\n`,
    'shapes.csv': blobs(),
  });
  const wide = await runCli(['plan', 'wide.yaml'], { cwd: dir });
  assert.equal(wide.code, 2);
  assert.match(wide.stderr, /wide\.yaml:9:\d+ +model\.layers\[1\]\.units: the model outputs 2 values per row but the data has 3 classes: the last dense layer needs units: classes \(or 3\)/);
  const mse = await runCli(['run', 'mse.yaml'], { cwd: dir });
  assert.equal(mse.code, 2);
  assert.match(mse.stderr, /mse\.yaml:16:\d+ +parameters\.loss\.value: mse is a regression loss, but this sweep is a classification/);
});
