import { fileURLToPath } from 'node:url';

/** Absolute path of a checked-in data fixture (tests run from dist/test/..., fixtures stay in test/fixtures). */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/data/${name}`, import.meta.url));
}
