/** One value of a result row: what SQLite returns (blobs as bytes) and what tables print. */
export type Cell = string | number | bigint | boolean | null | Uint8Array;

/** Named columns and rows of cells, in column order: what query, top and export print. */
export interface RowSet {
  columns: string[];
  rows: Cell[][];
}
