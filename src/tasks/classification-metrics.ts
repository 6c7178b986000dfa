import type { MetricValues } from '../core/metrics.js';

/** The metrics classification-metrics computes, in table order (the registry's). */
export const CLASSIFICATION_METRIC_NAMES = [
  'val_accuracy', 'val_balanced_accuracy', 'val_f1', 'val_auc', 'val_top_k_accuracy', 'val_majority_rate', 'val_top_class_share',
] as const;

/** k of val_top_k_accuracy: 5, defined only with more than 5 classes (below, it is trivially 1). */
export const TOP_K = 5;

/** Rows' predicted class: the first index of the largest probability. */
export function argmaxRows(prob: ArrayLike<number>, classes: number, rows: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (prob[r * classes + c] > prob[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** counts[true][pred] over the rows. */
export function confusionMatrix(truth: ArrayLike<number>, pred: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]][pred[i]] += 1;
  return m;
}

/**
 * ROC AUC of scores against 0/1 labels: the probability that a random positive scores
 * above a random negative, ties counting one half (the Mann-Whitney form scikit-learn's
 * roc_auc_score equals). Null when either class is absent.
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number | null {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (positive[idx[k]]) { pos++; rankSum += avgRank; }
    i = j + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Validation metrics of class probabilities `prob` (rows x classes) against the true
 * class indices `truth`. Definitions follow scikit-learn: accuracy; balanced accuracy
 * (mean recall over the classes present in the truth); macro F1 over the classes in the
 * truth or the predictions (0 for a class with no true positive); ROC AUC (two classes:
 * of class 1's probability; more: the macro mean of one-vs-rest over the classes present,
 * null where undefined); top-5 accuracy (null with 5 classes or fewer, ties broken by
 * class index); the majority rate and the most predicted class's share.
 */
export function classificationMetrics(truth: ArrayLike<number>, prob: ArrayLike<number>, classes: number): MetricValues {
  const rows = truth.length;
  const pred = argmaxRows(prob, classes, rows);
  const m = confusionMatrix(truth, pred, classes);
  let right = 0;
  for (let c = 0; c < classes; c++) right += m[c][c];
  const trueCount = m.map((row) => row.reduce((a, b) => a + b, 0));
  const predCount = Array.from({ length: classes }, (_, c) => m.reduce((a, row) => a + row[c], 0));
  const present = trueCount.map((n, c) => (n > 0 ? c : -1)).filter((c) => c >= 0);
  const recall = present.map((c) => m[c][c] / trueCount[c]);
  const f1Classes = Array.from({ length: classes }, (_, c) => c).filter((c) => trueCount[c] > 0 || predCount[c] > 0);
  const f1 = f1Classes.map((c) => (2 * m[c][c]) / (trueCount[c] + predCount[c]));
  let auc: number | null;
  if (classes === 2) {
    auc = rocAuc(Array.from({ length: rows }, (_, r) => prob[r * 2 + 1]), Array.from(truth, (t) => t === 1));
  } else {
    const per = present
      .map((c) => rocAuc(Array.from({ length: rows }, (_, r) => prob[r * classes + c]), Array.from(truth, (t) => t === c)))
      .filter((v): v is number => v !== null);
    auc = per.length > 0 ? per.reduce((a, b) => a + b, 0) / per.length : null;
  }
  let topK: number | null = null;
  if (classes > TOP_K) {
    let hits = 0;
    for (let r = 0; r < rows; r++) {
      const t = truth[r];
      const pt = prob[r * classes + t];
      // Classes ranked above the true one: a higher probability, or an equal one at a lower index.
      let above = 0;
      for (let c = 0; c < classes; c++) {
        const pc = prob[r * classes + c];
        if (pc > pt || (pc === pt && c < t)) above++;
      }
      if (above < TOP_K) hits++;
    }
    topK = hits / rows;
  }
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    val_accuracy: rows > 0 ? right / rows : null,
    val_balanced_accuracy: mean(recall),
    val_f1: mean(f1),
    val_auc: auc,
    val_top_k_accuracy: topK,
    val_majority_rate: rows > 0 ? Math.max(...trueCount) / rows : null,
    val_top_class_share: rows > 0 ? Math.max(...predCount) / rows : null,
  };
}
