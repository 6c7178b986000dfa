import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { loadSpec } from '../../src/config/load-spec.js';
import { badSpecCases, GOOD_SPECS, REPO_ROOT } from '../config/fixture-paths.js';

/** The compiled CLI, run as a user runs it: a separate node process. */
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const QUICKSTART = join(REPO_ROOT, 'sweeps/quickstart.yaml');

describe('tfsweep plan', () => {
  it('plans a convolutional sweep on shaped inputs, the layers checked by TensorFlow.js first', async () => {
    const r = await runCli(['plan', 'sweeps/digits-conv.yaml'], REPO_ROOT);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^data: {3}file .*digits\.csv; target \[digit\]; input_shape \[8, 8, 1\]; validation_split 0\.3; shuffled \(seed 0\)$/m);
    assert.match(r.stdout, /^model: {2}conv2d\(filters 8, kernel_size 3, activation relu, padding same\) -> max_pooling2d\(pool_size 2\) -> flatten\(\) -> dropout\(0\.2\) -> dense\(classes, linear\)$/m);
    const dir = mkdtempSync(join(tmpdir(), 'tfsweep-plan-layers-'));
    writeFileSync(join(dir, 'bad.yaml'), `name: bad
data:
  generate: {distribution: normal, mean: 0, std: 1, rows: 40, cols: 17}
  target: [16]
model:
  layers:
    - {type: lstm, unit: 4}
    - {type: dense, units: 1}
`);
    const bad = await runCli(['plan', 'bad.yaml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^tfsweep: bad\.yaml:7:20 {2}model\.layers\[0\]\.unit: unknown option "unit" for lstm \(did you mean "units"\?\): missing units, which lstm needs; its options: /);
    assert.equal(bad.stdout, '');
  });
  it('prints the count, the swept and fixed parameters, and a table of trials', async () => {
    const r = await runCli(['plan', 'sweeps/quickstart.yaml'], REPO_ROOT);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'quickstart: 12 trials (grid)');
    assert.ok(lines.some((l) => /^ {2}normalization +none, sample, feature$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^ {2}optimizer +momentum, adam$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^ {2}learning_rate +0\.01, 0\.001$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^ {2}batch_size +16$/.test(l)), 'fixed values are listed');
    const header = lines.find((l) => l.includes('│ idx'));
    assert.ok(header);
    assert.deepEqual(cells(header), ['idx', 'key', 'learning_rate', 'normalization', 'optimizer']);
    // The positions are not the database's trial ids, and the plan says so.
    assert.match(r.stdout, /idx: the trial's position in this sweep, from 0 .*database id \(trial_id/);
    const rows = lines.filter((l) => /^│ +\d+ │/.test(l)).map(cells);
    assert.equal(rows.length, 12);
    const trials = planSweep(loadSpec(QUICKSTART).spec);
    rows.forEach((row, i) => {
      assert.deepEqual(row.slice(0, 2), [String(i), trials[i].key]);
    });
    assert.deepEqual(rows[2].slice(2), ['0.01', 'sample', 'momentum']);
    assert.ok(!r.stdout.includes('not shown'));
  });

  it('--limit shows the first N rows and says how many are hidden', async () => {
    const r = await runCli(['plan', QUICKSTART, '--limit', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => /^│ +\d+ │/.test(l)).length, 5);
    assert.match(r.stdout, /\.\.\. 7 more trials not shown/);
  });

  it('--limit refuses what is not a whole number', async () => {
    const r = await runCli(['plan', QUICKSTART, '--limit', 'many']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--limit expects a whole number >= 0, got "many"/);
    assert.equal(r.stdout, '');
  });

  it('--json prints exactly [{index, key, params}] and nothing else', async () => {
    const r = await runCli(['plan', QUICKSTART, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const parsed: unknown = JSON.parse(r.stdout);
    assert.ok(Array.isArray(parsed));
    const trials = planSweep(loadSpec(QUICKSTART).spec);
    assert.deepEqual(parsed, trials.map((t) => ({ index: t.idx, key: t.key, params: t.params })));
    for (const item of parsed) assert.deepEqual(Object.keys(item), ['index', 'key', 'params']);
    const again = await runCli(['plan', QUICKSTART, '--json', '--limit', '1']);
    assert.equal(again.stdout, r.stdout, 'byte-identical on every run; --limit does not cut JSON');
  });

  it('plans random sweeps and dotted parameters', async () => {
    const r = await runCli(['plan', join(GOOD_SPECS, 'dotted.yaml'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as { params: Record<string, unknown> }[];
    assert.equal(parsed.length, 24);
    assert.equal(parsed[0].params['model.layers.0.activation'], 'relu');
    const random = await runCli(['plan', join(GOOD_SPECS, 'random.yaml')]);
    assert.equal(random.code, 0, random.stderr);
    assert.match(random.stdout, /^random: 40 trials \(random: run_cap 40, random_seed 11\)/);
  });

  it('a missing spec argument is a usage error', async () => {
    const r = await runCli(['plan']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing required argument 'spec'/);
  });
});

describe('tfsweep plan on W&B configurations', () => {
  it('prints the inferred distribution and one warning line for the W&B-only keys on stderr', async () => {
    const r = await runCli(['plan', join(GOOD_SPECS, '..', 'wandb', 'lr-and-batch.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}learning_rate +12 distinct values drawn from uniform \[0\.0001, 0\.1\]$/m);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^tfsweep: \S+lr-and-batch\.yaml:2:1 {2}program: warning: W&B-only keys program, project, entity accepted and ignored/);
  });

  it('warns, and still plans, when early_terminate.min_iter is beyond every trial\'s epochs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfsweep-plan-'));
    const file = join(dir, 'late.yaml');
    writeFileSync(file, `name: late
data:
  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 100, cols: 4}
model:
  layers: [{type: dense, units: input}]
early_terminate: {type: hyperband, min_iter: 12, strict: false}
parameters:
  epochs: {values: [4, 8]}
`);
    const r = await runCli(['plan', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 2);
    assert.equal(r.stderr, `tfsweep: ${file}:6:46  early_terminate.min_iter: warning: is 12, but the longest trial trains 8 epochs: no trial reaches a rung, so none is pruned; set min_iter below 8 or drop early_terminate\n`);
  });
});

describe('tfsweep plan on every bad spec', { concurrency: 2 }, () => {
  for (const c of badSpecCases()) {
    it(`${c.name}: exit 2 with its located problems on stderr`, async () => {
      const r = await runCli(['plan', c.file]);
      assert.equal(r.code, 2, `exit code ${r.code}\n${r.stderr}`);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, c.expected.length, r.stderr);
      c.expected.forEach((want, i) => {
        assert.ok(lines[i].includes(`${c.file}:${want}`), `line ${i}:\n  got:  ${lines[i]}\n  want: ${c.file}:${want}`);
      });
    });
  }
});

/** The cells of one cli-table3 row. */
function cells(line: string): string[] {
  return line
    .split('│')
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('tfsweep plan --estimate', () => {
  it('counts the work after shared prefixes and fusion, and estimates a wall time', async () => {
    const r = await runCli(['plan', 'sweeps/seed-grid.yaml', '--estimate', '--workers', '2', '--limit', '1'], REPO_ROOT);
    assert.equal(r.code, 0, r.stderr);
    // 162 trials x 1,750 steps per epoch (14,000 rows / batch 8) x their epochs; the
    // epochs-2 trials ride on the epochs-5 runs; 81 runs in 6 groups of at most 14.
    assert.match(r.stdout, /work: 162 trials = 992,250 trial-steps; 708,750 after shared epoch prefixes; 6 groups execute 52,500 fused steps/);
    assert.match(r.stdout, /calibrated here \(wasm\): a fused step costs [\d.]+ ms/);
    assert.match(r.stdout, /estimate: .+ on 2 workers/);
  });
});
