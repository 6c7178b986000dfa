import type { Command } from 'commander';
import { registerRun } from './run.js';

/** One entry per CLI command; each command lives in its own file and exports `register`. */
type Register = (program: Command) => void;

const registry: Register[] = [
  registerRun,
];

export function registerCommands(program: Command): void {
  for (const register of registry) register(program);
}
