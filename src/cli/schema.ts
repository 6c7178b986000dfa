import type { Command } from 'commander';
import { specJsonSchemaText } from '../config/json-schema.js';

/**
 * `tfsweep schema`: prints the JSON Schema of sweep specs, for editors. The committed
 * copy schema/tfsweep-spec.schema.json is this output (regenerate with
 * `node dist/src/cli/main.js schema > schema/tfsweep-spec.schema.json`).
 */
export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of sweep specs (for editor completion and checking)')
    .action(() => {
      process.stdout.write(specJsonSchemaText());
    });
}
