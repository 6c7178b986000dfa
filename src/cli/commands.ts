import type { Command } from 'commander';
import { registerRun } from './run.js';
import { registerPlan } from './plan.js';
import { registerSchema } from './schema.js';
import { registerLs } from './ls.js';
import { registerTop } from './top.js';
import { registerShow } from './show.js';
import { registerQuery } from './query.js';
import { registerExport } from './export.js';
import { registerExportModel } from './export-model.js';
import { registerReport } from './report.js';
import { registerRm } from './rm.js';

/** One entry per CLI command; each command lives in its own file and exports `register`. */
type Register = (program: Command) => void;

const registry: Register[] = [
  registerRun,
  registerPlan,
  registerSchema,
  registerLs,
  registerTop,
  registerShow,
  registerQuery,
  registerExport,
  registerExportModel,
  registerReport,
  registerRm,
];

export function registerCommands(program: Command): void {
  for (const register of registry) register(program);
}
