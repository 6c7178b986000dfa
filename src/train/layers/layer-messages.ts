import { snakeCase } from '../../config/layer-names.js';
import { closestName } from '../../config/suggest.js';
import { ACTIVATIONS } from '../../config/types.js';

/**
 * TensorFlow.js's error messages in a spec's words: its first line only (the rest is
 * advice about registering JavaScript classes), option names in snake_case as the spec
 * writes them (`config.kernelSize` -> `kernel_size`), its class-suffixed layer names
 * (`conv2d_Conv2D1`) as the spec's, and the usual shapes of "missing" turned into one
 * sentence. Pure text.
 */
export function explainTfMessage(raw: string, type: string): string {
  const line = raw.split('\n')[0].trim().replace(/\s+This may be due to.*$/, '').replace(/\s+/g, ' ');
  const missing = missingOption(line);
  if (missing !== undefined) return `missing ${missing}, which ${type} needs`;
  const unread = /^Cannot read properties of (undefined|null) \(reading '([^']*)'\)/.exec(line);
  if (unread) return `TensorFlow.js could not build ${type}: an option it needs is missing or not of the expected kind (it found nothing where it read "${unread[2]}")`;
  let text = line
    .replace(/\bconfig\.([A-Za-z0-9]+)/g, (_, name: string) => snakeCase(name))
    .replace(/\b([a-z]+[A-Z][A-Za-z0-9]*)\b/g, (word: string) => (/[a-z][A-Z]/.test(word) ? snakeCase(word) : word))
    .replace(/\b([a-z0-9_]+)_[A-Z][A-Za-z0-9]*\d+\b/g, '$1');
  const unknownActivation = /^Unknown activation: (\S+?)\.?$/.exec(text);
  if (unknownActivation) {
    const best = closestName(unknownActivation[1], ACTIVATIONS);
    text = `unknown activation "${unknownActivation[1]}"${best ? ` (did you mean "${best}"?)` : ''}; activations: ${ACTIVATIONS.join(', ')}`;
  }
  return text.replace(/\.$/, '');
}

/** The option a "missing" message names, in snake_case, or undefined. */
function missingOption(line: string): string | undefined {
  const patterns = [
    /^required key '([A-Za-z0-9]+)' not in config/,
    /^Expected ([A-Za-z0-9]+) to be a [^,]+, but got undefined/,
    /^Required configuration field `([A-Za-z0-9]+)` is missing/,
    /^([A-Za-z0-9]+) property is missing for the constructor/,
    /^Invalid ([A-Za-z0-9]+): undefined\b/,
  ];
  for (const p of patterns) {
    const m = p.exec(line);
    if (m) return snakeCase(m[1]);
  }
  return undefined;
}

/**
 * Why a layer does not take what the layer before gives it, for "Input 0 is incompatible
 * with layer ...: expected ndim=4, found ndim=2": the rank it wants and the shape it gets,
 * with the fix for a first layer fed flat rows.
 */
export function explainIncompatible(message: string, received: readonly (number | null)[], first: boolean, shaped: boolean): string {
  const m = /expected (min_|max_)?ndim=(\d+), found ndim=(\d+)/.exec(message);
  const got = `[${received.map((d) => (d === null ? 'batch' : String(d))).join(', ')}]`;
  if (!m) return `${explainTfMessage(message, '')}; it receives inputs of shape ${got}`;
  const want = Number(m[2]);
  const bound = m[1] === 'min_' ? 'at least ' : m[1] === 'max_' ? 'at most ' : '';
  const axes = `${bound}${want - 1} ax${want - 1 === 1 ? 'is' : 'es'} per row`;
  const fix = first && !shaped
    ? `: the data's rows are flat; give data.input_shape (such as [8, 8, 1] or [timesteps, features]), or start with a reshape layer`
    : ': add a reshape or flatten layer before it';
  return `expects inputs of ${axes} (rank ${bound}${want} with the batch), but receives ${got}${fix}`;
}
