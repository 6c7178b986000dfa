import { Command } from 'commander';
import { registerCommands } from './commands.js';

/**
 * Builds the commander program. `exitOverride()` makes parse errors throw instead of
 * exiting, so the CLI can be driven in-process by tests; main.ts owns the process exit.
 */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('tfsweep')
    .description('Hyperparameter sweeps for TensorFlow.js: YAML grid in, ranked SQLite results out.')
    .version('0.1.0')
    .option('--debug', 'print stack traces of errors')
    .exitOverride()
    // Usage errors commander finds itself (a bad flag value, a missing argument) read like
    // every other tfsweep error: `tfsweep: <what>`, on stderr, exit 2 (main.ts).
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`tfsweep: ${s.replace(/^error: /, '')}`),
    });
  registerCommands(program);
  return program;
}
