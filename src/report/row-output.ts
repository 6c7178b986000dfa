import type { Cell, RowSet } from '../core/row-set.js';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { tableStyle } from './table-style.js';

export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type { Cell, RowSet } from '../core/row-set.js';

/** Widest text cell a terminal table prints before cutting it with `…`. */
export const TABLE_CELL_MAX = 60;

/**
 * Renders a row set. csv: a header line, RFC 4180 quoting, null as an empty field, a
 * blob as base64. json: an array of objects keyed by column (numbers stay numbers, a
 * blob is base64, a non-finite number is null). table: cli-table3 text, null as NULL,
 * a blob as `<blob N bytes>`, long text cut at TABLE_CELL_MAX. Ends with a newline. Pure.
 */
export function renderRows(set: RowSet, format: OutputFormat, o: { ascii?: boolean } = {}): string {
  if (format === 'json') {
    const objects = set.rows.map((r) => Object.fromEntries(set.columns.map((c, i) => [c, jsonCell(r[i])])));
    return `${JSON.stringify(objects, null, 2)}\n`;
  }
  if (format === 'csv') {
    return stringify(set.rows.map((r) => r.map(csvCell)), { header: true, columns: set.columns });
  }
  const table = new Table({ head: set.columns, ...tableStyle(o.ascii) });
  for (const r of set.rows) table.push(r.map(tableCell));
  return `${table.toString()}\n`;
}

function jsonCell(c: Cell): string | number | boolean | null {
  if (c instanceof Uint8Array) return Buffer.from(c).toString('base64');
  if (typeof c === 'bigint') return Number.isSafeInteger(Number(c)) ? Number(c) : String(c);
  if (typeof c === 'number' && !Number.isFinite(c)) return null;
  return c;
}

function csvCell(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Uint8Array) return Buffer.from(c).toString('base64');
  return String(c);
}

function tableCell(c: Cell): string {
  if (c === null) return 'NULL';
  if (c instanceof Uint8Array) return `<blob ${c.byteLength} bytes>`;
  const s = String(c).replace(/\r?\n/g, '⏎');
  return s.length > TABLE_CELL_MAX ? `${s.slice(0, TABLE_CELL_MAX - 1)}…` : s;
}
