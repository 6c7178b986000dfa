import Table from 'cli-table3';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatParamValue } from '../planner/format-param.js';
import { planSweep } from '../planner/plan-sweep.js';
import { describePlan } from '../planner/plan-summary.js';
import { summariseParameters } from '../planner/swept.js';
import type { PlannedTrial } from '../planner/trial.js';
import { loadSpec } from '../spec/load-spec.js';
import type { SweepSpec } from '../spec/types.js';

/** Table rows shown unless --limit says otherwise. */
export const DEFAULT_PLAN_LIMIT = 50;

/**
 * `tfsweep plan <spec> [--json] [--limit N]`: expands a spec into its trials without
 * training anything. A bad spec is a SpecError (located problems on stderr, exit 2).
 */
export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('expand a sweep spec into its trials and print them (nothing is trained)')
    .argument('<spec>', 'the sweep spec (YAML)')
    .option('--json', 'print only a JSON array [{index, key, params}, ...] of every trial on stdout')
    .option('--limit <n>', `rows of the trial table to show, 0 for all (default ${DEFAULT_PLAN_LIMIT})`)
    .action((file: string, opts: { json?: boolean; limit?: string }) => {
      const limit = parseLimit(opts.limit);
      const { spec } = loadSpec(file);
      const trials = planSweep(spec);
      process.stdout.write(opts.json ? planJson(trials) : renderPlan(spec, trials, limit));
    });
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PLAN_LIMIT;
  if (!/^\d+$/.test(text)) throw new UsageError(`--limit expects a whole number >= 0, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The `--json` output: exactly [{index, key, params}, ...], one element per trial. */
export function planJson(trials: readonly PlannedTrial[]): string {
  return `${JSON.stringify(trials.map((t) => ({ index: t.index, key: t.key, params: t.params })), null, 2)}\n`;
}

/** The human output: summary lines, then a table of trials with one column per swept parameter. */
export function renderPlan(spec: SweepSpec, trials: readonly PlannedTrial[], limit: number): string {
  const lines = describePlan(spec, trials);
  const swept = summariseParameters(spec, trials).swept.map((p) => p.name);
  const table = new Table({
    head: ['index', 'key', ...swept],
    style: { head: [], border: [], compact: true },
    colAligns: ['right', 'left', ...swept.map(() => 'left' as const)],
  });
  const shown = limit === 0 ? trials : trials.slice(0, limit);
  for (const t of shown) table.push([t.index, t.key, ...swept.map((name) => formatParamValue(t.params[name]))]);
  lines.push('', table.toString());
  const hidden = trials.length - shown.length;
  if (hidden > 0) lines.push(`... ${hidden} more trial${hidden === 1 ? '' : 's'} not shown (--limit 0 shows all, --json prints every trial)`);
  return `${lines.join('\n')}\n`;
}
