/**
 * Validation metrics in the data's original units. Pure JS, float64 accumulation. A type
 * (not an interface) so that it is a MetricValues record as it is.
 */
export type RegressionMetrics = {
  val_mse: number;
  val_mae: number;
  /** 1 - SSE/SST per column, averaged over columns (sklearn's r2_score, uniform_average). */
  val_r2: number;
  /** MSE / variance of the targets = sum of SSE / sum of SST over columns; null when the targets are constant. */
  val_nmse: number | null;
  /** Autoencoders: mean over rows of Pearson(row, reconstruction); null otherwise. */
  val_corr: number | null;
};

/** RegressionMetrics' keys, in the order regressionMetrics writes them. */
export const REGRESSION_METRIC_NAMES = ['val_mse', 'val_mae', 'val_r2', 'val_nmse', 'val_corr'] as const;

/**
 * Scale-aware metrics of predictions `pred` against targets `truth` (both rows x cols,
 * original units). r2 of a constant column follows sklearn (force_finite): 1 when it is
 * predicted exactly, else 0. In val_corr a row whose truth or reconstruction is constant
 * counts as correlation 0 (it has no shape to match).
 */
export function regressionMetrics(truth: ArrayLike<number>, pred: ArrayLike<number>, cols: number, autoencoder: boolean): RegressionMetrics {
  const rows = truth.length / cols;
  const colSum = new Float64Array(cols);
  for (let i = 0; i < truth.length; i++) colSum[i % cols] += truth[i];
  const sse = new Float64Array(cols);
  const sst = new Float64Array(cols);
  let absSum = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const t = truth[r * cols + c];
      const e = pred[r * cols + c] - t;
      const d = t - colSum[c] / rows;
      sse[c] += e * e;
      sst[c] += d * d;
      absSum += Math.abs(e);
    }
  }
  let r2 = 0;
  let sseAll = 0;
  let sstAll = 0;
  for (let c = 0; c < cols; c++) {
    r2 += sst[c] > 0 ? 1 - sse[c] / sst[c] : (sse[c] === 0 ? 1 : 0);
    sseAll += sse[c];
    sstAll += sst[c];
  }
  const n = rows * cols;
  return {
    val_mse: sseAll / n,
    val_mae: absSum / n,
    val_r2: r2 / cols,
    val_nmse: sstAll > 0 ? sseAll / sstAll : null,
    val_corr: autoencoder ? meanRowCorrelation(truth, pred, cols) : null,
  };
}

/** Mean over rows of the Pearson correlation between a row and its prediction. */
export function meanRowCorrelation(truth: ArrayLike<number>, pred: ArrayLike<number>, cols: number): number {
  const rows = truth.length / cols;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let mt = 0;
    let mp = 0;
    for (let c = 0; c < cols; c++) { mt += truth[base + c]; mp += pred[base + c]; }
    mt /= cols;
    mp /= cols;
    let stp = 0;
    let stt = 0;
    let spp = 0;
    for (let c = 0; c < cols; c++) {
      const dt = truth[base + c] - mt;
      const dp = pred[base + c] - mp;
      stp += dt * dp;
      stt += dt * dt;
      spp += dp * dp;
    }
    if (stt > 0 && spp > 0) total += stp / Math.sqrt(stt * spp);
  }
  return rows > 0 ? total / rows : 0;
}
