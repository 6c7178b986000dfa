/**
 * The tfsweep CLI in a process that has registered one more metric, as a task that
 * computes it would at load: `node cli-with-metric.js <tfsweep args...>`.
 */
import { registerMetric } from '../../src/core/metric-registry.js';
import { buildProgram } from '../../src/cli/program.js';

export const NEW_METRIC = {
  name: 'val_max_error', goal: 'minimize', tasks: ['regression'], perEpoch: true,
  description: 'largest absolute validation error, in the data\'s units',
} as const;

registerMetric(NEW_METRIC);

if (process.argv[1]?.endsWith('cli-with-metric.js')) {
  buildProgram().parseAsync(process.argv).catch((e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 2;
  });
}
