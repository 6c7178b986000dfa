import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../helpers/cli.js';

/** README's "Your own data" guide: its YAML is the example sweep's, and its commands work as written. */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const guide = README.slice(README.indexOf('## Your own data'), README.indexOf('## Spec reference'));

function block(lang: string): string {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(guide);
  assert.ok(m, `a ${lang} block in the guide`);
  return m[1];
}

test('the guide quotes sweeps/diabetes.yaml as it is', () => {
  const sweep = readFileSync(path.join(ROOT, 'sweeps', 'diabetes.yaml'), 'utf8');
  for (const line of block('yaml').split('\n').filter((l) => l.trim() !== '')) assert.ok(sweep.includes(`${line}\n`), `sweeps/diabetes.yaml has: ${line}`);
});

test("the guide's commands run as written on its example data", async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'sweeps'));
  cpSync(path.join(ROOT, 'sweeps', 'diabetes.yaml'), path.join(dir, 'sweeps', 'diabetes.yaml'));
  cpSync(path.join(ROOT, 'sweeps', 'data'), path.join(dir, 'sweeps', 'data'), { recursive: true });
  const commands = block('sh').split('\n').filter((l) => l.startsWith('npx tfsweep '));
  assert.equal(commands.length, 4);
  let best = '';
  for (const line of commands) {
    const args = line.replace(/\s+#.*$/, '').split(/\s+/).slice(2).map((a) => (a === '<trial>' ? best : a));
    const r = await runCli(args, { cwd: dir });
    assert.equal(r.code, 0, `${line}\n${r.stderr}`);
    if (args[0] === 'run') {
      const top = await runCli(['top', 'diabetes', '--format', 'json'], { cwd: dir });
      const rows = JSON.parse(top.stdout) as { trial_id: number; normalization: string; val_r2: number }[];
      best = String(rows[0].trial_id);
      assert.equal(rows[0].normalization, 'feature', 'feature normalization wins, as the guide says');
      assert.ok(rows[0].val_r2 > 0.5 && rows[0].val_r2 < 0.6, `val_r2 ${rows[0].val_r2} is about 0.55`);
    }
    if (args[0] === 'top') assert.match(r.stdout, /\| 1 \| feature /);
  }
  assert.ok(existsSync(path.join(dir, 'diabetes-model', 'model.json')));
});
