import Table from 'cli-table3';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatParamValue } from '../config/format-param.js';
import { planSweep } from '../planner/plan-sweep.js';
import { describePlan } from '../planner/plan-summary.js';
import { summarizeParameters } from '../planner/swept.js';
import type { PlannedTrial } from '../planner/trial.js';
import { loadSpec } from '../config/load-spec.js';
import { preflight } from '../runner/preflight.js';
import { preflightModels } from '../runner/preflight-model.js';
import { hasTextLabels } from '../data/text-labels.js';
import type { SweepSpec } from '../config/types.js';
import { buildDataset } from '../data/build-dataset.js';
import { fuseGroups } from '../planner/fuse-groups.js';
import { estimateWallSeconds, estimateWork } from '../planner/estimate.js';
import { defaultWorkers } from '../runner/run-sweep.js';
import { positiveInt } from './run.js';
import { writeSpecWarnings } from './spec-warnings.js';

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
    .option('--estimate', 'also count the training steps (shared epoch prefixes and fused groups accounted) and estimate the wall time from a few seconds of calibration on this machine')
    .option('--workers <n>', 'workers the estimate assumes (default: available cores)', positiveInt)
    .action(async (file: string, opts: { json?: boolean; limit?: string; estimate?: boolean; workers?: number }) => {
      const limit = parseLimit(opts.limit);
      const loaded = loadSpec(file, { textLabels: hasTextLabels });
      const { spec } = loaded;
      const trials = planSweep(spec);
      const datasets = preflight(loaded, trials);
      await preflightModels(loaded, trials, datasets);
      writeSpecWarnings(loaded, trials);
      const classes = [...datasets.values()][0]?.classes;
      process.stdout.write(opts.json ? planJson(trials) : renderPlan(spec, trials, limit, classes));
      if (opts.estimate && !opts.json) process.stdout.write(await renderEstimate(spec, trials, opts.workers ?? defaultWorkers()));
    });
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PLAN_LIMIT;
  if (!/^\d+$/.test(text)) throw new UsageError(`--limit expects a whole number >= 0, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The `--json` output: exactly [{index, key, params}, ...], one element per trial. */
export function planJson(trials: readonly PlannedTrial[]): string {
  return `${JSON.stringify(trials.map((t) => ({ index: t.idx, key: t.key, params: t.params })), null, 2)}\n`;
}

/** Plan positions and database ids are two numbers; the plan says which is which. */
export const PLAN_IDX_NOTE =
  "idx: the trial's position in this sweep, from 0 (the idx column of `trials` and `results`). " +
  '`run` also gives each trial a database id (trial_id, the `trial` column of `top` and `show`), unique across every sweep in the database.';

/** The human output: summary lines, then a table of trials with one column per swept parameter. */
export function renderPlan(spec: SweepSpec, trials: readonly PlannedTrial[], limit: number, classes?: readonly string[]): string {
  const lines = describePlan(spec, trials, classes);
  const swept = summarizeParameters(spec, trials).swept.map((p) => p.name);
  const table = new Table({
    head: ['idx', 'key', ...swept],
    style: { head: [], border: [], compact: true },
    colAligns: ['right', 'left', ...swept.map(() => 'left' as const)],
  });
  const shown = limit === 0 ? trials : trials.slice(0, limit);
  for (const t of shown) table.push([t.idx, t.key, ...swept.map((name) => formatParamValue(t.params[name]))]);
  lines.push('', table.toString());
  const hidden = trials.length - shown.length;
  if (hidden > 0) lines.push(`... ${hidden} more trial${hidden === 1 ? '' : 's'} not shown (--limit 0 shows all, --json prints every trial)`);
  lines.push(PLAN_IDX_NOTE);
  return `${lines.join('\n')}\n`;
}

/**
 * `--estimate`: the plan's work (trial-steps alone, after shared epoch prefixes, and as
 * fused groups execute them) and the expected wall time from costs calibrated here and now
 * on the trials' own data (train/fused/calibrate.ts) for the largest fused group.
 */
async function renderEstimate(spec: SweepSpec, trials: PlannedTrial[], workers: number): Promise<string> {
  const groups = fuseGroups(trials, { contiguous: spec.early_terminate !== undefined });
  const dataset = buildDataset(trials[0].data, {});
  const w = estimateWork(groups, dataset.trainRows);
  const lines = [
    '',
    `work: ${w.trials} trials = ${fmt(w.trialSteps)} trial-steps; ${fmt(w.runSteps)} after shared epoch prefixes; ` +
      `${w.groups} groups execute ${fmt(w.groupSteps)} fused steps (${dataset.trainRows} training rows)`,
  ];
  const fused = groups.filter((g) => g.fused).sort((a, b) => b.runs.length - a.runs.length)[0];
  if (fused === undefined) {
    lines.push('estimate: no trial can be fused (only dense layer lists on flat rows fuse); no calibration');
    return `${lines.join('\n')}\n`;
  }
  const { loadBackend } = await import('../train/load-backend.js');
  const { calibrateStepCosts } = await import('../train/fused/calibrate.js');
  const backend = await loadBackend('auto');
  const costs = await calibrateStepCosts(fused.runs.map((r) => r[0]), dataset);
  const seconds = estimateWallSeconds(groups, dataset.trainRows, costs, workers);
  lines.push(
    `calibrated here (${backend}): a fused step costs ${(costs.stepFixed * 1e3).toFixed(3)} ms + ${(costs.stepPerRun * 1e3).toFixed(3)} ms per run; ` +
      `a validation pass ${(costs.validation * 1e3).toFixed(1)} ms`,
    `estimate: ${formatDuration(seconds)} on ${workers} worker${workers === 1 ? '' : 's'}` +
      (groups.some((g) => !g.fused) ? ' (trials that cannot be fused are costed as fused groups of one)' : ''),
  );
  return `${lines.join('\n')}\n`;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds - h * 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}
