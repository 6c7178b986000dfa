import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataError } from '../../src/errors.js';
import { parseCsv, splitCsvLine } from '../../src/data/read-csv.js';
import { parseJsonTable } from '../../src/data/read-json.js';
import { readTable } from '../../src/data/read-table.js';
import { fixture } from './fixtures.js';

const SMALL = [1, 2, 3, 4.5, -0.5, 6, 7, 8, 9];

function dataError(pattern: RegExp, code: string): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof DataError, `expected a DataError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  };
}

test('csv: header names, numbers, blank lines skipped, quoted header cell', () => {
  const t = readTable(fixture('small.csv'));
  assert.deepEqual(t.columnNames, ['a', 'b', 'c']);
  assert.equal(t.rows, 3);
  assert.deepEqual([...t.values], SMALL);
});

test('csv: a ragged row names its line and row', () => {
  assert.throws(() => readTable(fixture('ragged.csv')), dataError(/ragged\.csv:3: row 1 has 2 cells, the header \(line 1\) has 3/, 'E_DATA_RAGGED'));
});

test('csv: a non-numeric cell names its row, column and column name', () => {
  assert.throws(() => readTable(fixture('bad-cell.csv')), dataError(/bad-cell\.csv:3: row 1, column 1 \("b"\) is not a number: "five"/, 'E_DATA_VALUE'));
});

test('csv: NaN, infinities and empty cells are refused with their position', () => {
  assert.throws(() => readTable(fixture('nan.csv')), dataError(/nan\.csv:3: row 1, column 2 \("c"\) is NaN/, 'E_DATA_VALUE'));
  assert.throws(() => parseCsv('x,y\n1,inf\n', 'd.csv'), dataError(/d\.csv:2: row 0, column 1 \("y"\) is inf/, 'E_DATA_VALUE'));
  assert.throws(() => parseCsv('x,y\n1,\n', 'd.csv'), dataError(/row 0, column 1 \("y"\) is empty/, 'E_DATA_VALUE'));
  assert.throws(() => parseCsv('x\n1e999\n', 'd.csv'), dataError(/beyond float32 range/, 'E_DATA_VALUE'));
});

test('csv: CRLF line ends, quotes with escapes, header only', () => {
  assert.deepEqual(splitCsvLine('"a ""q""",b,"1,5"'), ['a "q"', 'b', '1,5']);
  const t = parseCsv('x,y\r\n1,2\r\n3,4\r\n', 'd.csv');
  assert.deepEqual([...t.values], [1, 2, 3, 4]);
  assert.throws(() => parseCsv('x,y\n', 'd.csv'), dataError(/no data rows/, 'E_DATA_EMPTY'));
});

test('npy: float64, float32 and Fortran order read to the same row-major values', () => {
  for (const name of ['small-f8.npy', 'small-f4.npy', 'small-fortran.npy']) {
    const t = readTable(fixture(name));
    assert.equal(t.rows, 3, name);
    assert.equal(t.cols, 3, name);
    assert.deepEqual([...t.values], SMALL, name);
    assert.deepEqual(t.columnNames, ['c0', 'c1', 'c2']);
  }
});

test('npy: a NaN names its row and column; a bad file is refused', () => {
  assert.throws(() => readTable(fixture('nan.npy')), dataError(/nan\.npy: row 1, column 1: value is NaN/, 'E_DATA_VALUE'));
  assert.throws(() => readTable(fixture('small.csv').replace('small.csv', 'ragged.json').replace('.json', '.npy')), dataError(/cannot read/, 'E_DATA_READ'));
});

test('json: array of equal-length arrays; ragged rows and non-numbers are located', () => {
  const t = readTable(fixture('small.json'));
  assert.deepEqual([...t.values], SMALL);
  assert.throws(() => readTable(fixture('ragged.json')), dataError(/row 1 has 2 values, row 0 has 3/, 'E_DATA_RAGGED'));
  assert.throws(() => parseJsonTable('[[1,2],[3,"x"]]', 'd.json'), dataError(/row 1, column 1 is not a number: "x"/, 'E_DATA_VALUE'));
  assert.throws(() => parseJsonTable('[[1,2],[3,null]]', 'd.json'), dataError(/row 1, column 1 is not a number: null/, 'E_DATA_VALUE'));
  assert.throws(() => parseJsonTable('{"a":1}', 'd.json'), dataError(/expected a non-empty array/, 'E_DATA_FORMAT'));
});

test('unknown extensions are refused with the supported list', () => {
  assert.throws(() => readTable('/tmp/x.parquet'), dataError(/unsupported data file type "\.parquet" \(use \.csv, \.npy, \.json\)/, 'E_DATA_FORMAT'));
});
