#!/usr/bin/env node
import { CommanderError } from 'commander';
import { TfsweepError } from '../errors.js';
import { buildProgram } from './program.js';

/**
 * The one top-level handler: every command's errors end here. A TfsweepError prints its
 * message and exits with its own code; anything else is an infrastructure error (exit 1).
 * Stacks are printed only with --debug.
 */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version arrive here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof TfsweepError) {
      process.stderr.write(`tfsweep: ${e.message}\n`);
      if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`tfsweep: internal error: ${err?.message ?? String(e)}\n`);
    if (debug && err?.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
