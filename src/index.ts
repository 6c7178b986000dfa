/**
 * tfsweep's public library API: what `import ... from 'tfsweep'` gives a program. Only
 * what is listed here is public; every other module is internal and may change. The CLI
 * (src/cli/) is built from the same pieces.
 */
import { openStore as openSqliteStore } from './storage/sqlite/sqlite-store.js';
import type { ResultStore } from './storage/store.js';

// Errors. Every error tfsweep raises on purpose is a TfsweepError with a stable `code`
// and the exit code the CLI would use; SpecError lists every problem of a spec
// (`problems`, each with file, line, col, path and message); StoreError comes from the
// results database (newer schema, sweep owned by another process, spec changed).
export { TfsweepError, SpecError, StoreError } from './errors.js';
export type { SpecProblem } from './errors.js';

// Configuration: read and validate a sweep spec (YAML) into a normalized SweepSpec, its
// source text and hash. loadSpecText validates text that is not in a file; relative data
// and module paths resolve against `dir`.
import { loadSpec as loadSpecFile, loadSpecText as loadText, type LoadSpecOptions } from './config/load-spec.js';
import { hasTextLabels } from './data/text-labels.js';
import type { LoadedSpec } from './config/types.js';
export type { LoadSpecOptions } from './config/load-spec.js';

/** Reads and validates a spec file (the CLI's loader: a target column of text labels makes a classification). */
export function loadSpec(file: string, options: LoadSpecOptions = {}): LoadedSpec {
  return loadSpecFile(file, { textLabels: hasTextLabels, ...options });
}

/** Validates spec text; relative paths resolve against `specDir`. */
export function loadSpecText(text: string, file: string, specDir: string, options: LoadSpecOptions = {}): LoadedSpec {
  return loadText(text, file, specDir, { textLabels: hasTextLabels, ...options });
}
export type { LoadedSpec, SweepSpec } from './config/types.js';

// Planning: spec in, every trial of a grid or random sweep out, pure and deterministic.
export { planSweep } from './planner/plan-sweep.js';
export type { PlannedTrial, TrialStatus } from './planner/trial.js';

// Search: a Sampler decides which trials a sweep trains (initial trials, then more from
// the history). Study is ask/tell over a sampler for programs that train in their own loop.
export type { Sampler } from './search/sampler.js';
export { GridSampler } from './search/grid-sampler.js';
export { RandomSampler } from './search/random-sampler.js';
export { samplerFor } from './search/sampler-for.js';
export { Study } from './search/study.js';
// createSearch: the search methods (bayes/tpe, random) on any objective, Optuna-style ask/tell.
export { createSearch } from './search/create-search.js';
export type { Search, SearchConfig, AskedTrial } from './search/create-search.js';
export { TpeSampler } from './search/tpe-sampler.js';
export type { StudyOutcome } from './search/study.js';

// Running: SweepRun trains a sweep on worker threads into a ResultStore, resumes it when
// run again, and reports through a ProgressReporter; `stop()` ends it at the next batch.
// defaultWorkers() is the CLI's default worker count (the available cores).
export { SweepRun, defaultWorkers } from './runner/run-sweep.js';
export type { RunSweepOptions } from './runner/run-sweep.js';
export type { BackendChoice } from './train/load-backend.js';
export type { ProgressReporter, RunStartInfo, RunCounts } from './runner/progress.js';
export type { RunSummary } from './runner/run-summary.js';
export type { TrialResult } from './core/results.js';

// Results: openStore opens (or creates) a SQLite results database for writing, for
// SweepRun; openResults opens an existing one read-only, safe while a sweep writes to it.
// Close both with `await x.close()`.
export { openResults } from './storage/open-results.js';
export type { ResultStore, ResultsReader, SweepRecord, TrialRecord } from './storage/store.js';

/** The SQLite results database at `path` (created with its folder if missing), for writing; `:memory:` for a throwaway one. */
export function openStore(path: string): ResultStore {
  return openSqliteStore(path);
}

// Metrics: the registry every part of tfsweep reads (spec validation, ranking, views).
// registerMetric adds one a task computes; metricNames lists them in table order;
// metricDef describes one (goal, per-epoch or final, the tasks that make it).
export { registerMetric, metricNames, metricDef } from './core/metric-registry.js';
export type { MetricDef } from './core/metric-registry.js';
export type { MetricValues, EpochMetrics, FinalMetrics, Goal } from './core/metrics.js';

// Tasks: what a model's outputs mean (losses, target encoding, metrics, warnings);
// taskFor picks a trial's task (regression is the only one so far).
export type { Task } from './tasks/task.js';
export { taskFor } from './tasks/task-for.js';
