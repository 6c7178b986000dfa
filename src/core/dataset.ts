/** The dataset a trial trains on: row-major values, possibly in a SharedArrayBuffer. */
export interface Dataset {
  rows: number;
  cols: number;
  /** rows * cols float32 values, row-major. Never copied per trial. */
  values: Float32Array;
  columnNames: string[];
  inputCols: number[];
  targetCols: number[];
  /** Rows [0, trainRows) train; rows [trainRows, rows) validate (Keras validation_split). */
  trainRows: number;
  /** True when the targets are the inputs (autoencoder). */
  autoencoder: boolean;
  /**
   * Classification: the class names in order; the single target column then holds each
   * row's class index (0-based, as float). Absent for regression.
   */
  classes?: string[];
  /**
   * The shape of each row's inputs for the model (data.input_shape, or the rows' shape of a
   * .npy file of more than two dimensions), without the batch axis; its product is
   * inputCols.length. The inputs stay flat here: the trainer reshapes each batch. Absent:
   * flat rows, [inputCols.length].
   */
  inputShape?: number[];
}
