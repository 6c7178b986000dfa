import { asciiChars, compactChars } from './trials-table.js';

/**
 * cli-table3 options every result table shares with `run`'s ranked table: no rule
 * between rows, no colours (output is often piped), ASCII borders when not on a TTY.
 */
export function tableStyle(ascii: boolean | undefined) {
  return { style: { head: [], border: [], compact: true }, chars: ascii ? asciiChars : compactChars };
}
