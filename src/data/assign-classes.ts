import { DataError } from '../errors.js';

/** The class list of a label column and each row's class index. */
export interface ClassAssignment {
  classes: string[];
  /** Per row, the index of its label in `classes`. */
  index: Int32Array;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Assigns class indices to the label cells. The class order is `given` (data.classes) when
 * the spec names it, otherwise the labels sorted: numerically when every label is a number
 * (so 2 < 10), else as text. Refused, with the rows and labels named: a label not in
 * `given`, fewer than two classes, and a class in the validation rows (from `trainRows`
 * on) that no training row has, since the model could never learn it.
 */
export function assignClasses(labels: readonly string[], trainRows: number, source: string, given?: readonly string[]): ClassAssignment {
  let classes: string[];
  if (given !== undefined) {
    classes = [...given];
    const known = new Set(classes);
    const missing = labels.findIndex((l) => !known.has(l));
    if (missing >= 0) {
      throw new DataError(`${source}: row ${missing} has label ${JSON.stringify(labels[missing])}, which data.classes does not list (${classes.join(', ')})`, 'E_DATA_LABEL');
    }
  } else {
    classes = [...new Set(labels)];
    if (classes.every((c) => NUMERIC.test(c))) classes.sort((a, b) => Number(a) - Number(b));
    else classes.sort();
  }
  if (new Set(labels).size < 2) {
    throw new DataError(`${source}: the label column has ${labels.length === 0 ? 'no rows' : `one class only (${JSON.stringify(labels[0])})`}; classification needs at least two`, 'E_DATA_LABEL');
  }
  const at = new Map(classes.map((c, i) => [c, i]));
  const index = Int32Array.from(labels, (l) => at.get(l)!);
  const seen = new Set<number>();
  for (let r = 0; r < trainRows; r++) seen.add(index[r]);
  const unseen = [...new Set(Array.from(index.subarray(trainRows)))].filter((c) => !seen.has(c)).map((c) => classes[c]);
  if (unseen.length > 0) {
    throw new DataError(
      `${source}: class${unseen.length === 1 ? '' : 'es'} ${unseen.map((c) => JSON.stringify(c)).join(', ')} appear${unseen.length === 1 ? 's' : ''} in the validation rows but in no training row ` +
        '(the validation rows are the last ones: sort the file differently, or set data.shuffle: true)',
      'E_DATA_LABEL',
    );
  }
  return { classes, index };
}
