// Runs every compiled test file (dist/test/**/*.test.js) with Node's built-in runner.
// Node 20's `node --test` has no glob support, so the file list is gathered here.
// TFSWEEP_TEST_FILTER=substring narrows the run to matching paths.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const filter = process.env.TFSWEEP_TEST_FILTER ?? '';
const extra = process.argv.slice(2);
const files = collect('dist/test', []).filter((f) => f.includes(filter));
if (files.length === 0) {
  console.error('no test files found under dist/test');
  process.exit(1);
}
// TFSWEEP_TEST_CONCURRENCY=1 runs the files one at a time (the reliability suite's long
// form does, so its timing figures are not measured against a neighbour's load).
const concurrency = process.env.TFSWEEP_TEST_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...extra, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
