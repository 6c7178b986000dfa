import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The public library API as the README documents it: the example in the README is the
 * file examples/library.mjs, that file runs, and src/index.ts exports every name the
 * README's table lists (and no other runtime value).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const EXAMPLE = path.join(ROOT, 'examples/library.mjs');
const INDEX_JS = path.join(ROOT, 'dist/src/index.js');
const INDEX_DTS = path.join(ROOT, 'dist/src/index.d.ts');

/** The README's "Use it as a library" section, up to the next level-2 heading. */
function librarySection(): string {
  const start = README.indexOf('\n## Use it as a library\n');
  assert.ok(start >= 0, 'README has a "Use it as a library" section');
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Names the section's table documents (every backticked identifier of its first column). */
function documentedNames(): string[] {
  const rows = librarySection().split('\n').filter((l) => l.startsWith('| `'));
  assert.ok(rows.length >= 8, `the export table has ${rows.length} rows`);
  const names = rows.flatMap((r) => [...r.split('|')[1].matchAll(/`([A-Za-z]\w*)/g)].map((m) => m[1]));
  return [...new Set(names)];
}

/** Documented names that are types only, so they exist in index.d.ts but not at runtime. */
const TYPE_ONLY = new Set([
  'LoadedSpec', 'SweepSpec', 'PlannedTrial', 'Sampler', 'RunSweepOptions', 'RunSummary', 'ProgressReporter',
  'ResultStore', 'ResultsReader', 'SweepRecord', 'TrialRecord', 'MetricValues', 'EpochMetrics', 'FinalMetrics', 'Task',
  'LoadSpecOptions', 'Search',
]);

test('the README\'s library example is examples/library.mjs, byte for byte', () => {
  const m = /\n```js\n([\s\S]*?)```\n/.exec(librarySection());
  assert.ok(m, 'the section has a js code block');
  assert.equal(m[1], readFileSync(EXAMPLE, 'utf8'));
});

test('node examples/library.mjs runs a sweep and prints its best trial', { timeout: 90_000 }, async () => {
  const child = spawn(process.execPath, [EXAMPLE], { cwd: ROOT, env: { ...process.env, TFSWEEP_DB: undefined }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `exit ${code}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  assert.match(stdout, /^2 trials planned$/m);
  assert.match(stdout, /^trial 0: completed$/m);
  assert.match(stdout, /^trial 1: completed$/m);
  const best = /^best trial: ([01]) learning_rate=(0\.1|0\.01) val_r2=(-?\d+\.\d{4})$/m.exec(stdout);
  assert.ok(best, `a best trial with its metric in:\n${stdout}`);
  assert.ok(Number.isFinite(Number(best[3])));
});

test('the index exports every name the README documents, and only those runtime values', async () => {
  const api = (await import(pathToFileURL(INDEX_JS).href)) as Record<string, unknown>;
  const documented = documentedNames();
  const values = documented.filter((n) => !TYPE_ONLY.has(n));
  for (const n of values) assert.equal(typeof api[n], 'function', `${n} is exported as a function or class`);
  // Anything else exported at runtime is a change to the public API: document it first.
  assert.deepEqual(Object.keys(api).sort(), [...values].sort());
  const dts = readFileSync(INDEX_DTS, 'utf8');
  const declared = new Set([...dts.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!)));
  for (const n of TYPE_ONLY) {
    assert.ok(documented.includes(n), `${n} is documented`);
    assert.ok(declared.has(n), `index.d.ts exports the type ${n}`);
  }
});

test('the package name resolves to the same module (the exports map of package.json)', async () => {
  const name = 'tfsweep';
  const byName = (await import(name)) as Record<string, unknown>;
  const byPath = (await import(pathToFileURL(INDEX_JS).href)) as Record<string, unknown>;
  assert.equal(byName.SweepRun, byPath.SweepRun);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.exports['.'].import, './dist/src/index.js');
  assert.equal(pkg.exports['.'].types, './dist/src/index.d.ts');
  assert.equal(pkg.types, 'dist/src/index.d.ts');
  assert.equal(pkg.bin.tfsweep, 'dist/src/cli/main.js');
});
