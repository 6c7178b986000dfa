import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The source of Chart.js's UMD build (defines the global `Chart`), read from the
 * installed package at report time so the report inlines exactly the version tfsweep
 * depends on. The package does not export that file, so it is found next to its main entry.
 */
export function chartJsSource(): { source: string; version: string } {
  const require = createRequire(import.meta.url);
  const main = require.resolve('chart.js');
  const source = readFileSync(join(dirname(main), 'chart.umd.js'), 'utf8');
  const version = /Chart\.js v([\d.]+)/.exec(source)?.[1] ?? 'unknown';
  return { source, version };
}
