/**
 * A short line diff of two spec texts, for the message that refuses a changed spec
 * under a stored sweep's name. Lines are `- <old line no>: text` for removed and
 * `+ <new line no>: text` for added lines, in file order.
 */

/** Above this many lines per side the diff falls back to the first differing line. */
const MAX_LCS_LINES = 3000;

export function diffLines(oldText: string, newText: string, limit = 12): string[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const changes = a.length > MAX_LCS_LINES || b.length > MAX_LCS_LINES ? firstDifference(a, b) : lcsDiff(a, b);
  if (changes.length <= limit) return changes;
  return [...changes.slice(0, limit), `... and ${changes.length - limit} more changed lines`];
}

function splitLines(s: string): string[] {
  const lines = s.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lcsDiff(a: string[], b: string[]): string[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  // len[i * w + j] = length of the LCS of a[i..] and b[j..].
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] = a[i] === b[j] ? len[(i + 1) * w + j + 1] + 1 : Math.max(len[(i + 1) * w + j], len[i * w + j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j >= m || (i < n && len[(i + 1) * w + j] >= len[i * w + j + 1])) {
      out.push(`- ${i + 1}: ${a[i]}`);
      i++;
    } else {
      out.push(`+ ${j + 1}: ${b[j]}`);
      j++;
    }
  }
  return out;
}

function firstDifference(a: string[], b: string[]): string[] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const out: string[] = [];
  if (i < a.length) out.push(`- ${i + 1}: ${a[i]}`);
  if (i < b.length) out.push(`+ ${i + 1}: ${b[i]}`);
  return out;
}

/** The E_SPEC_CHANGED message: what changed, and the two ways forward. */
export function specChangedMessage(
  stored: { id: number; name: string; spec_yaml: string; created_at: string },
  newYaml: string,
  planChanged: boolean,
): string {
  const head = `sweep '${stored.name}' already exists (created ${stored.created_at}) with a different spec`;
  let body: string;
  if (planChanged) {
    body = 'the spec is the same but it now plans different trials (was the sweep stored by another tfsweep version?)';
  } else {
    const lines = diffLines(stored.spec_yaml, newYaml);
    body = lines.length > 0
      ? `changes (- stored, + now):\n${lines.map((l) => `  ${l}`).join('\n')}`
      : 'the text is the same but it resolves differently (for example a relative data path from another folder)';
  }
  return `${head}; ${body}\n`
    + `Run with --force to start a new sweep under this name (the stored one is kept as '${stored.name}@${stored.id}'), `
    + 'or give the spec another name.';
}
