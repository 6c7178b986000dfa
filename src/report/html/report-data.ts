import { metricColumnsFor, metricDef } from '../../core/metric-registry.js';
import { formatParamValue } from '../../config/format-param.js';
import type { SweepRecord, TrialRecord } from '../../storage/store.js';
import type { EpochMetrics } from '../../core/metrics.js';
import { finalMetric, flagNotes, flagsOf, rankTrials, type Goal } from '../rank.js';
import type { ConfusionMatrix } from '../../core/results.js';
import { statusLabel } from '../status-label.js';
import { summaryStats, type SummaryStats } from '../summary-stats.js';
import { summarizeSweep, type SweepSummary } from '../sweep-summary.js';
import { SEED_PARAM, sweptParams } from '../swept-params.js';

/** One trial as the report shows it: plain, JSON-safe data. */
export interface ReportTrial {
  id: number;
  idx: number;
  /** 1-based rank by the metric; null for trials without it. */
  rank: number | null;
  status: string;
  /** Status as tables print it (`pruned@3`). */
  label: string;
  /** Swept parameters as text. */
  params: Record<string, string>;
  value: number | null;
  loss: number | null;
  val_mse: number | null;
  val_nmse: number | null;
  val_r2: number | null;
  /** Every final metric (registered ones and any other stored), by name. */
  metrics: Record<string, number | null>;
  epochs_done: number;
  flagged: boolean;
  /** The curve metric per epoch (index = epoch - 1); null for a missing value. */
  curve: (number | null)[];
  /** The configuration without its seed: trials sharing it are repeats. */
  config: string;
}

export interface SeedGroup {
  config: string;
  stats: SummaryStats;
  members: { id: number; seed: string; value: number }[];
}

export interface ReportData {
  sweep: string;
  metric: string;
  goal: Goal;
  /** The per-epoch metric the learning curves draw (the sweep's metric when it is recorded per epoch). */
  curveMetric: string;
  generatedAt: string;
  summary: SweepSummary;
  /** Swept parameters, seed included. */
  swept: string[];
  /** Ranked trials first (best first), then the others in plan order. */
  trials: ReportTrial[];
  bestId: number | null;
  /** Each swept parameter except the seed, with its values in plan order. */
  effects: { param: string; values: string[] }[];
  /** Whether the seed varies; seedGroups then holds every configuration with two or more ranked seeds. */
  seeded: boolean;
  seedGroups: SeedGroup[];
  /** A classification sweep (its trials hold val_accuracy): the tables show its metrics, and the best trial's confusion matrix. */
  classifier: boolean;
  /** The best trial's validation confusion matrix (classifiers), null otherwise. */
  confusion: ConfusionMatrix | null;
  /** The flags the trials carry (loss_at_variance, majority_class): their notes under the table. */
  flagNotes: string[];
}

/**
 * Everything the HTML report draws, computed once from store records. Pure (the clock is
 * passed in), so the page's content is testable without a browser.
 */
export function buildReportData(
  sweep: SweepRecord, trials: readonly TrialRecord[], epochsOf: (trialId: number) => EpochMetrics[], generatedAt: string,
): ReportData {
  const metric = sweep.metric_name;
  const goal = sweep.metric_goal;
  const allEpochs = new Map(trials.map((t) => [t.id, epochsOf(t.id)]));
  const perEpoch = metricDef(metric)?.perEpoch ?? [...allEpochs.values()].some((es) => es.some((e) => typeof e[metric] === 'number'));
  const curveMetric = perEpoch ? metric : 'val_loss';
  const swept = sweptParams(trials);
  const configParams = swept.filter((p) => p !== SEED_PARAM);
  const ranked = rankTrials([...trials], metric, goal);
  const rankOf = new Map(ranked.map((t, i) => [t.id, i + 1]));
  const ordered = [...ranked, ...[...trials].sort((a, b) => a.idx - b.idx).filter((t) => !rankOf.has(t.id))];
  const rows: ReportTrial[] = ordered.map((t) => {
    const curve: (number | null)[] = [];
    for (const e of allEpochs.get(t.id) ?? []) curve[e.epoch - 1] = finite(e[curveMetric]);
    for (let i = 0; i < curve.length; i++) if (curve[i] === undefined) curve[i] = null;
    return {
      id: t.id,
      idx: t.idx,
      rank: rankOf.get(t.id) ?? null,
      status: t.status,
      label: statusLabel(t),
      params: Object.fromEntries(swept.map((p) => [p, formatParamValue(t.params[p] ?? null)])),
      value: rankOf.has(t.id) ? finalMetric(t, metric) : null,
      loss: finalMetric(t, 'loss'),
      val_mse: finalMetric(t, 'val_mse'),
      val_nmse: finalMetric(t, 'val_nmse'),
      val_r2: finalMetric(t, 'val_r2'),
      metrics: Object.fromEntries(metricColumnsFor([t.final]).map((m) => [m, finalMetric(t, m)])),
      epochs_done: t.epochs_done,
      flagged: flagsOf(t).length > 0,
      curve,
      config: configParams.map((p) => `${p}=${formatParamValue(t.params[p] ?? null)}`).join(' '),
    };
  });
  const byIdx = [...trials].sort((a, b) => a.idx - b.idx);
  const effects = configParams.map((param) => ({
    param,
    values: [...new Set(byIdx.map((t) => formatParamValue(t.params[param] ?? null)))],
  }));
  const seeded = swept.includes(SEED_PARAM);
  return {
    sweep: sweep.name,
    metric,
    goal,
    curveMetric,
    generatedAt,
    summary: summarizeSweep(sweep, trials),
    swept,
    trials: rows,
    bestId: ranked[0]?.id ?? null,
    effects,
    seeded,
    seedGroups: seeded ? seedGroups(rows, goal) : [],
    classifier: trials.some((t) => t.final !== null && typeof t.final.val_accuracy === 'number'),
    confusion: ranked[0]?.confusion ?? null,
    flagNotes: flagNotes(trials),
  };
}

/** Configurations with two or more ranked seeds, best median first (as `top --by` ranks groups). */
function seedGroups(rows: readonly ReportTrial[], goal: Goal): SeedGroup[] {
  const groups = new Map<string, ReportTrial[]>();
  for (const r of rows) {
    if (r.value === null) continue;
    const g = groups.get(r.config);
    if (g) g.push(r);
    else groups.set(r.config, [r]);
  }
  const out: SeedGroup[] = [];
  for (const [config, members] of groups) {
    if (members.length < 2) continue;
    out.push({
      config,
      stats: summaryStats(members.map((m) => m.value!))!,
      members: members.map((m) => ({ id: m.id, seed: m.params[SEED_PARAM] ?? '', value: m.value! })),
    });
  }
  const sign = goal === 'maximize' ? -1 : 1;
  return out.sort((a, b) => sign * (a.stats.median - b.stats.median) || sign * (a.stats.mean - b.stats.mean));
}

function finite(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
