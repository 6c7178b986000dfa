import { DataError } from '../errors.js';
import { labelIndex, type ReadOptions, type Table } from './table.js';

/**
 * Splits one CSV line into cells. Handles double-quoted cells with "" escapes; a quoted
 * cell cannot span lines (numeric data never needs that).
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Why a cell is not a usable number, or null when it is one. */
function cellProblem(text: string): string | null {
  if (NUMBER.test(text)) return null;
  if (/^[+-]?nan$/i.test(text)) return 'is NaN (every value must be a finite number)';
  if (/^[+-]?(inf|infinity)$/i.test(text)) return `is ${text} (every value must be a finite number)`;
  if (text === '') return 'is empty';
  return `is not a number: ${JSON.stringify(text.length > 40 ? text.slice(0, 40) + '...' : text)}`;
}

/**
 * Reads a CSV text with a header row of column names, then one row of numbers per line.
 * Blank lines are skipped; cells are trimmed. Errors give the file line (1-based, as an
 * editor shows it), the 0-based data row and column, and the column's name.
 */
export function parseCsv(text: string, file: string, options: ReadOptions = {}): Table {
  const lines = text.split(/\r?\n/);
  let li = 0;
  while (li < lines.length && lines[li].trim() === '') li++;
  if (li === lines.length) throw new DataError(`${file}: the file is empty (expected a header row, then rows of numbers)`, 'E_DATA_EMPTY');
  const columnNames = splitCsvLine(lines[li].replace(/^\uFEFF/, '')).map((c) => c.trim());
  const cols = columnNames.length;
  const headerLine = li + 1;
  // The label column (a classification target) keeps its cells as text.
  const labelCol = labelIndex(options.labelColumn, columnNames);
  const labels: string[] | undefined = labelCol >= 0 ? [] : undefined;
  // At most one row per remaining line; trimmed to the rows actually read.
  const out = new Float32Array((lines.length - li - 1) * cols);
  let rows = 0;
  for (li = li + 1; li < lines.length; li++) {
    const line = lines[li];
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    if (cells.length !== cols) {
      throw new DataError(
        `${file}:${li + 1}: row ${rows} has ${cells.length} cells, the header (line ${headerLine}) has ${cols}`, 'E_DATA_RAGGED');
    }
    for (let c = 0; c < cols; c++) {
      const cell = cells[c].trim();
      if (c === labelCol) {
        if (cell === '') throw new DataError(`${file}:${li + 1}: row ${rows}, label column ${JSON.stringify(columnNames[c])} is empty`, 'E_DATA_LABEL');
        labels!.push(cell);
        out[rows * cols + c] = 0;
        continue;
      }
      const problem = cellProblem(cell);
      const v = problem === null ? Number(cell) : NaN;
      if (problem !== null || !Number.isFinite(Math.fround(v))) {
        throw new DataError(
          `${file}:${li + 1}: row ${rows}, column ${c} (${JSON.stringify(columnNames[c])}) ${problem ?? `is ${cell}, beyond float32 range`}`,
          'E_DATA_VALUE');
      }
      out[rows * cols + c] = v;
    }
    rows++;
  }
  if (rows === 0) throw new DataError(`${file}: no data rows after the header`, 'E_DATA_EMPTY');
  return { rows, cols, values: out.slice(0, rows * cols), columnNames, ...(labels ? { labels } : {}) };
}
