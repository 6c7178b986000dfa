import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import type { DataSpec } from '../config/types.js';
import { splitCsvLine } from './read-csv.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Whether the data's single target column holds text in any row (`setosa`, `cat`): the
 * clue that a sweep is a classification when its spec does not say (config/infer-task.ts).
 * False for generated data, .npy files, several target columns, or anything unreadable
 * (reading the data for real reports those problems, located). A CSV is judged on its first
 * SNIFF_BYTES: labels show in its first rows, and a large file of numbers is not read twice.
 */
export function hasTextLabels(data: DataSpec): boolean {
  if (data.path === undefined || !Array.isArray(data.target) || data.target.length !== 1) return false;
  const target = data.target[0];
  const ext = extname(data.path).toLowerCase();
  let text: string;
  try {
    if (ext !== '.csv' && ext !== '.json') return false;
    text = ext === '.json' ? readFileSync(data.path, 'utf8') : readHead(data.path, SNIFF_BYTES);
  } catch {
    return false;
  }
  if (ext === '.json') {
    try {
      const doc: unknown = JSON.parse(text);
      if (!Array.isArray(doc) || typeof target !== 'number') return false;
      return doc.some((row) => Array.isArray(row) && typeof row[target] === 'string');
    } catch {
      return false;
    }
  }
  const lines = text.split(/\r?\n/);
  let li = 0;
  while (li < lines.length && lines[li].trim() === '') li++;
  if (li === lines.length) return false;
  const header = splitCsvLine(lines[li].replace(/^\uFEFF/, '')).map((c) => c.trim());
  const col = typeof target === 'number' ? target : header.indexOf(target);
  if (col < 0 || col >= header.length) return false;
  // The last line of a partial read may be cut short: leave it out.
  const end = text.length >= SNIFF_BYTES ? lines.length - 1 : lines.length;
  for (li++; li < end; li++) {
    if (lines[li].trim() === '') continue;
    const cell = splitCsvLine(lines[li])[col]?.trim() ?? '';
    if (cell !== '' && !NUMBER.test(cell) && !/^[+-]?(nan|inf|infinity)$/i.test(cell)) return true;
  }
  return false;
}

/** How much of a CSV the label sniff reads. */
const SNIFF_BYTES = 1 << 20;

/** The first `bytes` of a file as UTF-8 (a character cut at the end is dropped with its line). */
function readHead(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
