import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { loadSpec } from '../config/load-spec.js';
import { samplerFor } from '../search/sampler-for.js';
import { preflight } from '../runner/preflight.js';
import { preflightModels } from '../runner/preflight-model.js';
import { metricColumns } from '../report/metric-choice.js';
import { hasTextLabels } from '../data/text-labels.js';
import { openStore } from '../storage/sqlite/sqlite-store.js';
import { SweepRun, defaultWorkers } from '../runner/run-sweep.js';
import type { BackendChoice } from '../runner/protocol.js';
import type { ProgressReporter } from '../runner/progress.js';
import { BarProgress } from '../report/progress-bar.js';
import { LinesProgress } from '../report/progress-lines.js';
import { JsonProgress } from '../report/progress-json.js';
import { rankTrials } from '../report/rank.js';
import { renderTrialsTable } from '../report/trials-table.js';
import { resolveDbPath } from './db-path.js';
import { writeSpecWarnings } from './spec-warnings.js';
import { summarizeParameters } from '../planner/swept.js';
import { InterruptedError, TfsweepError } from '../errors.js';

interface RunFlags {
  db?: string;
  workers?: number;
  backend: BackendChoice;
  trialTimeout?: number;
  retries: number;
  workerMemory?: number;
  reuse?: boolean;
  force?: boolean;
  json?: boolean;
}

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return n;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run (or resume) a sweep: train every trial on a worker pool and store the results')
    .argument('<spec>', 'sweep spec (YAML)')
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .option('--workers <n>', 'worker threads (default: available cores)', positiveInt)
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['auto', 'wasm', 'cpu', 'node']).default('auto'))
    .option('--trial-timeout <seconds>', 'end a trial as timeout after this long', positiveNumber)
    .option('--retries <n>', 'retries for a trial whose worker died', nonNegativeInt, 1)
    .option('--worker-memory <mb>', 'heap limit of each worker thread in MB; a worker past it is replaced and its trial retried', positiveInt)
    .option('--reuse', 'copy trials already completed with the same trial_key in any sweep instead of training them')
    .option('--force', 'the spec changed: start a new sweep under the same name')
    .option('--json', 'JSON lines on stdout instead of a progress bar')
    .action(async (specFile: string, flags: RunFlags) => {
      const loaded = loadSpec(specFile, { textLabels: hasTextLabels });
      const sampler = samplerFor(loaded.spec);
      const trials = sampler.initial();
      const swept = summarizeParameters(loaded.spec, trials).swept.map((p) => p.name);
      // Data and model mistakes are refused before the database is opened or created.
      const datasets = preflight(loaded, trials, { shared: true });
      await preflightModels(loaded, trials, datasets);
      writeSpecWarnings(loaded, trials);
      const store = openStore(resolveDbPath(flags.db));
      const reporter: ProgressReporter = flags.json
        ? new JsonProgress((l) => process.stdout.write(`${l}\n`))
        : process.stderr.isTTY
          ? new BarProgress(process.stderr)
          : new LinesProgress((l) => process.stderr.write(`${l}\n`));
      const run = new SweepRun({
        loaded,
        sampler,
        datasets,
        store,
        workers: flags.workers ?? defaultWorkers(),
        backend: flags.backend,
        trialTimeoutS: flags.trialTimeout,
        retries: flags.retries,
        reuse: !!flags.reuse,
        force: !!flags.force,
        reporter,
        swept,
        workerMaxOldGenerationSizeMb: flags.workerMemory,
      });
      let signal: 'SIGINT' | 'SIGTERM' | null = null;
      const onSignal = (s: 'SIGINT' | 'SIGTERM') => {
        if (signal) {
          // Second signal: leave at once, but never with a trial left `running`.
          void run.abortNow().finally(() => {
            store.closeNow();
            process.exit(s === 'SIGINT' ? 130 : 143);
          });
          return;
        }
        signal = s;
        process.stderr.write(`\n${s}: stopping; running trials end at their next batch (again to quit at once)\n`);
        run.stop();
      };
      const onInt = () => onSignal('SIGINT');
      const onTerm = () => onSignal('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      try {
        const summary = await run.run();
        if (!flags.json) {
          const all = await store.listTrials(summary.sweep.id);
          const ranked = rankTrials(all, loaded.spec.metric.name, loaded.spec.metric.goal);
          const metrics = metricColumns(loaded.spec.metric.name, all.map((t) => t.final));
          if (ranked.length > 0) {
            process.stdout.write(`\nTop ${Math.min(10, ranked.length)} of ${summary.sweep.name} by ${loaded.spec.metric.name} (${loaded.spec.metric.goal}):\n`);
            process.stdout.write(
              `${renderTrialsTable(ranked.slice(0, 10), { params: swept, metrics, ascii: !process.stdout.isTTY })}\n`,
            );
          }
          const trained = all.reduce((n, t) => n + t.epochs_done, 0);
          const full = trials.reduce((n, t) => n + t.train.epochs, 0);
          process.stdout.write(`epochs trained: ${trained} of the full grid's ${full} (${Math.round((100 * trained) / Math.max(1, full))}%)\n`);
          process.stdout.write(`results: ${resolveDbPath(flags.db)} (sweep '${summary.sweep.name}', view 'results')\n`);
        }
        if (signal || summary.interrupted) throw new InterruptedError(signal ?? 'SIGINT');
        const c = summary.counts;
        const total = Object.values(c).reduce((n, k) => n + k, 0);
        if (total > 0 && c.completed + c.pruned === 0) {
          throw new TfsweepError(
            'E_NO_TRIAL_COMPLETED',
            `no trial of '${summary.sweep.name}' completed (${c.failed} failed, ${c.diverged} diverged, ${c.timeout} timed out); tfsweep top and show give the reasons`,
            3,
          );
        }
      } finally {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        await store.close();
      }
    });
}
