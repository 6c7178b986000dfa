import Table from 'cli-table3';
import type { ConfusionMatrix } from '../core/results.js';
import { tableStyle } from './table-style.js';

/**
 * A confusion matrix as text: a row per true class, a column per predicted class, each
 * row's recall at its end and each column's precision in the last row. Pure.
 */
export function renderConfusion(c: ConfusionMatrix, ascii?: boolean): string {
  const k = c.classes.length;
  const table = new Table({ head: ['true \\ predicted', ...c.classes, 'recall'], ...tableStyle(ascii) });
  const colSum = Array.from({ length: k }, (_, j) => c.counts.reduce((a, row) => a + row[j], 0));
  c.counts.forEach((row, i) => {
    const n = row.reduce((a, b) => a + b, 0);
    table.push([c.classes[i], ...row.map(String), n > 0 ? (row[i] / n).toFixed(4) : '-']);
  });
  table.push(['precision', ...colSum.map((s, j) => (s > 0 ? (c.counts[j][j] / s).toFixed(4) : '-')), '']);
  return table.toString();
}
