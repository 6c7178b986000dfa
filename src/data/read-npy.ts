import { DataError } from '../errors.js';
import { checkFiniteValues, defaultColumnNames, type Table } from './table.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * Reads a NumPy .npy file holding a float32 or float64 array (either byte order) of two or
 * more dimensions. The first axis is the rows; a row's values are the rest in C order, so
 * an array of shape (N, 8, 8, 1) is N rows of 64 columns whose shape (8, 8, 1) is kept as
 * the table's rowShape. C order is the norm; a Fortran-order array is reordered into it.
 * Columns are named c0, c1, ...
 */
export function parseNpy(bytes: Uint8Array, file: string): Table {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new DataError(`${file}: not a .npy file (missing the \\x93NUMPY magic)`, 'E_DATA_FORMAT');
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*True/.test(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || shapeText === undefined) {
    throw new DataError(`${file}: unreadable .npy header: ${header.trim()}`, 'E_DATA_FORMAT');
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.length < 2 || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new DataError(`${file}: expected an array of 2 or more dimensions (rows, columns, ...), got shape (${shape.join(', ')})`, 'E_DATA_FORMAT');
  }
  if (shape.slice(1).some((d) => d === 0)) {
    throw new DataError(`${file}: shape (${shape.join(', ')}) leaves no values in a row`, 'E_DATA_FORMAT');
  }
  const m = /^([<>|=])f([48])$/.exec(descr);
  if (m === null) {
    throw new DataError(`${file}: dtype ${descr} is not supported (use float32 or float64)`, 'E_DATA_FORMAT');
  }
  const little = m[1] !== '>';
  const width = Number(m[2]);
  const rows = shape[0];
  const cols = shape.slice(1).reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLen;
  const n = rows * cols;
  if (bytes.length - dataStart < n * width) {
    throw new DataError(`${file}: truncated: shape (${shape.join(', ')}) needs ${n * width} bytes of data, the file has ${bytes.length - dataStart}`, 'E_DATA_FORMAT');
  }
  const dest = fortran ? fortranToC(shape) : (i: number) => i;
  const wide = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const at = dataStart + i * width;
    wide[dest(i)] = width === 4 ? view.getFloat32(at, little) : view.getFloat64(at, little);
  }
  checkFiniteValues(file, wide, cols);
  const values = Float32Array.from(wide);
  checkFiniteValues(file, values, cols);
  if (rows === 0) throw new DataError(`${file}: the array has no rows`, 'E_DATA_EMPTY');
  return { rows, cols, values, columnNames: defaultColumnNames(cols), ...(shape.length > 2 ? { rowShape: shape.slice(1) } : {}) };
}

/**
 * Where the i-th stored element of a Fortran-order array (first axis fastest) goes in C
 * order (last axis fastest). For (rows, cols): element i is (i % rows, i / rows).
 */
function fortranToC(shape: readonly number[]): (i: number) => number {
  const cStride = shape.map((_, j) => shape.slice(j + 1).reduce((a, b) => a * b, 1));
  return (i) => {
    let rest = i;
    let at = 0;
    for (let j = 0; j < shape.length; j++) {
      at += (rest % shape[j]) * cStride[j];
      rest = Math.floor(rest / shape[j]);
    }
    return at;
  };
}
