import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Tests run from dist/test/<area>/; fixtures stay in the source tree. */
export const SPEC_FIXTURES = fileURLToPath(new URL('../../../test/fixtures/specs/', import.meta.url));
export const BAD_SPECS = join(SPEC_FIXTURES, 'bad');
export const GOOD_SPECS = join(SPEC_FIXTURES, 'good');
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface BadSpecCase {
  name: string;
  file: string;
  /** `line:col  path: message`, one per problem the spec must produce, in order. */
  expected: string[];
}

/**
 * Every bad spec with its `.expected` twin. `{dir}` in an expected line stands for the
 * absolute fixture folder (messages about missing files name resolved paths).
 */
export function badSpecCases(): BadSpecCase[] {
  return readdirSync(BAD_SPECS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.yaml$/, '');
      const text = readFileSync(join(BAD_SPECS, `${name}.expected`), 'utf8');
      const expected = text.split('\n').filter((l) => l.trim() !== '').map((l) => l.split('{dir}').join(BAD_SPECS.replace(/\/$/, '')));
      return { name, file: join(BAD_SPECS, f), expected };
    });
}
