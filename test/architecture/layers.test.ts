import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folders of src/, lowest first (ARCHITECTURE.md, "Who may import whom"): a module
 * may import its own folder and the folders before its own, never one after it.
 */
export const LAYERS = ['core', 'errors', 'config', 'planner', 'data', 'tasks', 'train', 'storage', 'search', 'runner', 'report', 'cli', 'index'];

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The layer of a path inside src/: its first folder, or the file's own name at the top. */
function layerOf(p: string): string {
  return path.relative(SRC, p).split(path.sep)[0].replace(/\.(ts|js)$/, '');
}

test('no module imports a folder above its own', () => {
  const upward: string[] = [];
  const files = sources(SRC);
  assert.ok(files.length > 50, `found ${files.length} source files under ${SRC}`);
  for (const file of files) {
    const from = layerOf(file);
    assert.ok(LAYERS.includes(from), `${path.relative(SRC, file)}: folder '${from}' is not in the layer list`);
    for (const m of readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      const to = layerOf(path.resolve(path.dirname(file), m[1]));
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(`${path.relative(SRC, file)} imports ${m[1]} (${from} -> ${to})`);
    }
  }
  assert.deepEqual(upward, []);
});
