import asciichart from 'asciichart';
import { formatMetric } from './progress-state.js';

/** Columns a terminal chart's plot area takes at most (the axis labels come on top). */
export const CHART_MAX_POINTS = 60;
/** Columns a short series is stretched to, so a few epochs still draw a readable line. */
export const CHART_MIN_WIDTH = 40;
/** R^2-like metrics below this only say "worse than the mean"; drawn at it when others are above. */
export const CHART_FLOOR = -1;

export interface ChartOptions {
  height?: number;
  /** A metric bounded above by 1 (val_r2, val_corr): very negative values are floored. */
  r2Like?: boolean;
}

type Point = { epoch: number; value: number };

/**
 * A line chart of one series per epoch, drawn with box characters (asciichart), with
 * labels in the metric format and an epoch axis underneath. Missing values are left out.
 * Positive values spanning more than two decades are drawn on a log scale (losses fall
 * exponentially); R^2-like values below -1 are drawn at -1 when others lie above it.
 * Long series are sampled evenly, short ones stretched by linear interpolation so
 * epochs stay evenly spaced. Fewer than two values give one line of text. Pure.
 */
export function terminalChart(points: readonly { epoch: number; value: number | null }[], o: ChartOptions = {}): string {
  const valid = points.filter((p): p is Point => p.value !== null && Number.isFinite(p.value));
  if (valid.length === 0) return '  (no values)';
  if (valid.length === 1) return `  epoch ${valid[0].epoch}: ${formatMetric(valid[0].value)}`;
  const values = valid.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const log = min > 0 && max / min > 100;
  const floor = o.r2Like && min < CHART_FLOOR && max >= CHART_FLOOR;
  const shown = sample(valid, CHART_MAX_POINTS);
  const toY = (v: number) => (log ? Math.log10(v) : floor ? Math.max(v, CHART_FLOOR) : v);
  const series = stretch(shown.map((p) => toY(p.value)));
  const labelWidth = 11;
  const chart = asciichart.plot(series, {
    height: o.height ?? 8,
    padding: ' '.repeat(labelWidth),
    format: (y: number) => formatMetric(log ? 10 ** y : y).padStart(labelWidth),
  });
  const pad = ' '.repeat(labelWidth + 2);
  const first = `epoch ${shown[0].epoch}`;
  const last = `${shown[shown.length - 1].epoch}`;
  const axis = `${pad}${first}${' '.repeat(Math.max(1, series.length - first.length - last.length))}${last}`;
  const notes = [
    log ? 'log scale' : null,
    floor ? `values below ${CHART_FLOOR} drawn at ${CHART_FLOOR}` : null,
    shown.length < valid.length ? `${shown.length} of ${valid.length} epochs drawn` : null,
  ].filter((n) => n !== null);
  return `${chart}\n${axis}${notes.length > 0 ? `\n${pad}(${notes.join('; ')})` : ''}`;
}

/** At most `max` items, evenly spaced, always keeping the first and the last. */
export function sample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.round((i * (items.length - 1)) / (max - 1))]);
  return out;
}

/** A short series linearly interpolated to about CHART_MIN_WIDTH columns; the original values stay on whole columns. */
function stretch(ys: number[]): number[] {
  if (ys.length >= CHART_MIN_WIDTH) return ys;
  const k = Math.floor((CHART_MIN_WIDTH - 1) / (ys.length - 1));
  const out: number[] = [];
  for (let i = 0; i < ys.length - 1; i++) {
    for (let j = 0; j < k; j++) out.push(ys[i] + ((ys[i + 1] - ys[i]) * j) / k);
  }
  out.push(ys[ys.length - 1]);
  return out;
}
