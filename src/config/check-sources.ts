import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isPlainObject } from './describe-value.js';
import type { SpecIssue } from './spec-issue.js';

/**
 * The files a spec points at (data.path, model.module) must exist. Paths are reported
 * resolved against the spec's folder, so a user sees where tfsweep looked. Runs on the
 * raw spec, so a missing file is reported even while the section has other problems.
 * Only existence and kind are checked: reading the data is the data layer's job.
 */
export function checkSources(raw: unknown, dir: string): SpecIssue[] {
  if (!isPlainObject(raw)) return [];
  const out: SpecIssue[] = [];
  const check = (section: unknown, key: string) => {
    if (!isPlainObject(section) || typeof section[key] !== 'string' || section[key] === '') return;
    const problem = fileProblem(resolve(dir, section[key]));
    if (problem) out.push({ path: [section === raw.data ? 'data' : 'model', key], message: problem });
  };
  check(raw.data, 'path');
  check(raw.model, 'module');
  return out;
}

function fileProblem(absolute: string): string | undefined {
  try {
    return statSync(absolute).isDirectory() ? `is a directory, expected a file: ${absolute}` : undefined;
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === 'ENOENT' ? `no such file: ${absolute}` : `cannot be read (${code ?? 'error'}): ${absolute}`;
  }
}
