/**
 * The one spelling rule between a spec and TensorFlow.js: specs use Keras's snake_case
 * (`max_pooling2d`, `kernel_size`), TensorFlow.js's factories and options camelCase
 * (`maxPooling2d`, `kernelSize`). Both directions are mechanical, so every layer and every
 * option tf.layers has is reachable without a list written per layer. Pure.
 */

/**
 * camelCase -> snake_case as Keras names layers: a capital after a lowercase letter starts
 * a word, a run of capitals is one word (`simpleRNNCell` -> `simple_rnn_cell`), and digits
 * stay with the word before them (`cropping2D` -> `cropping2d`, `conv2dTranspose` ->
 * `conv2d_transpose`, `reLU` -> `re_lu`, as Keras's own `re_lu`).
 */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** snake_case -> camelCase (`kernel_size` -> `kernelSize`); a name without `_` is unchanged. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A name with case and underscores ignored, for matching identifiers whose two spellings do
 * not convert into each other (`lecun_normal` and TensorFlow.js's `leCunNormal`).
 */
export function looseName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** What a layer type or option name looks like in a spec: lowercase snake_case. */
export const SNAKE_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
