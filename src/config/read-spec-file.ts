import { readFileSync, statSync } from 'node:fs';
import { SpecError } from '../errors.js';

/** Largest spec accepted. Real specs are a few kB; this bounds memory and parse time. */
export const MAX_SPEC_BYTES = 1_048_576;

/**
 * Reads a spec's text. Anything that keeps the file from being read (missing, a
 * directory, too large, binary) is a SpecError located at 1:1, like any other problem.
 */
export function readSpecFile(file: string): string {
  const fail = (message: string): never => {
    throw new SpecError([{ file, line: 1, col: 1, path: '', message }]);
  };
  let size = 0;
  try {
    const st = statSync(file);
    if (st.isDirectory()) fail('is a directory, expected a YAML file');
    if (!st.isFile()) fail('is not a regular file, expected a YAML file');
    size = st.size;
  } catch (e) {
    if (e instanceof SpecError) throw e;
    fail(describeFsError(e));
  }
  if (size > MAX_SPEC_BYTES) fail(`is ${size} bytes, more than the ${MAX_SPEC_BYTES} bytes a spec may have`);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(describeFsError(e));
  }
  if (text.includes('\0')) fail('is not a text file (it contains NUL bytes)');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  return `cannot be read: ${(e as Error).message}`;
}
