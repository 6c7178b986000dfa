/** A problem found in a spec before it is located in the file. */
export type PathSegment = string | number;

export interface SpecIssue {
  /** Key path from the document root; a parameter name with dots is one segment. */
  path: PathSegment[];
  message: string;
  /** Point at the key itself (unknown keys) rather than at its value. */
  atKey?: boolean;
}

/** `parameters.learning_rate.values[2]`; the root is the empty string. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}
