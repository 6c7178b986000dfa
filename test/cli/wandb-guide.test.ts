import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempProject } from '../helpers/cli.js';

/** The YAML blocks of README.md's "Coming from W&B Sweeps" section, in order. */
function guideBlocks(): string[] {
  const readme = readFileSync(path.resolve('README.md'), 'utf8');
  const section = readme.split('## Coming from W&B Sweeps')[1].split('\n## ')[0];
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

test("the README's W&B guide: the pasted config with the layer-list model plans as written", async () => {
  const [config, source, layers] = guideBlocks();
  assert.match(config, /^program: train\.py/m);
  assert.match(layers, /units: "\$\{hidden_size\}"/);
  // The guide's data line, and its layer list in place of the module.
  const data = source.split('\n').filter((l) => /^(name|data):/.test(l)).join('\n');
  const spec = `${config}${data.replace('data/train.csv', 'train.csv')}\n${layers}`;
  const rows = ['a,b,c,label', ...Array.from({ length: 40 }, (_, i) => `${i % 5},${i % 3},${(i * 7) % 11},${['x', 'y'][i % 2]}`)];
  const dir = tempProject({ 'sweep.yaml': spec, 'train.csv': `${rows.join('\n')}\n` });
  const r = await runCli(['plan', 'sweep.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /program: warning: W&B-only key program accepted and ignored/);
  assert.match(r.stdout, /task: +classification, 2 classes \(x, y\)/);
  assert.match(r.stdout, /knobs: +lr -> learning_rate/);
  assert.match(r.stdout, /metric: val_accuracy \(maximize\)/);
  assert.match(r.stdout, /20 trials \(bayes: TPE, run_cap 20/);
});
