import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { PathSegment } from './spec-issue.js';

/**
 * YAML 1.2 (core schema: `NO`/`yes` stay strings, `010` is 10) with source positions.
 * Duplicate keys are errors; alias expansion is bounded so a small file cannot expand
 * into a huge value ("billion laughs"). Nothing is evaluated: unknown tags are refused.
 */

/** Alias expansions allowed while converting to plain values; a spec needs a handful. */
export const MAX_ALIAS_COUNT = 100;

export interface YamlProblem {
  offset: number;
  path: PathSegment[];
  message: string;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain value; undefined when there are problems. */
  value: unknown;
  problems: YamlProblem[];
}

/**
 * Deepest nesting a spec may use. A real spec needs about 6 levels; the limit keeps a
 * hostile file (10,000 nested brackets) from exhausting the parser's stack.
 */
export const MAX_NESTING = 64;

/**
 * Offset at which flow brackets nest deeper than MAX_NESTING, or block indentation goes
 * past 4 * MAX_NESTING columns; null when the text stays within the limit. A cheap scan
 * that skips quoted strings and comments; it runs before the YAML parser.
 */
export function tooDeepAt(text: string): number | null {
  let depth = 0;
  let quote: string | null = null;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      if (quote === "'") continue;
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        if (++indent > 4 * MAX_NESTING) return i;
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return null;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const deep = tooDeepAt(text);
  if (deep !== null) {
    // Positions still come from the LineCounter: feed it the line starts up to the offending offset.
    lineCounter.addNewLine(0);
    for (let i = 0; i < deep; i++) if (text[i] === '\n') lineCounter.addNewLine(i + 1);
    const doc = parseDocument('', { lineCounter: new LineCounter() });
    return {
      doc,
      lineCounter,
      value: undefined,
      problems: [{ offset: deep, path: [], message: `nesting deeper than ${MAX_NESTING} levels: a spec needs only a few` }],
    };
  }
  const doc = parseDocument(text, {
    lineCounter,
    keepSourceTokens: true,
    uniqueKeys: true,
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
    merge: false,
  });
  const problems: YamlProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const offset = e.pos[0];
    const path = pathAtOffset(doc, offset);
    problems.push({ offset, path, message: yamlMessage(e.code, e.message, path) });
  }
  if (problems.length > 0) return { doc, lineCounter, value: undefined, problems };
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { doc, lineCounter, value, problems };
  } catch (e) {
    const offset = firstAliasOffset(doc);
    const msg = (e as Error).message;
    const message = /alias count/i.test(msg)
      ? `aliases expand too far (more than ${MAX_ALIAS_COUNT} expansions): write the values out instead`
      : `YAML: ${msg}`;
    return { doc, lineCounter, value: undefined, problems: [{ offset, path: pathAtOffset(doc, offset), message }] };
  }
}

function yamlMessage(code: string, message: string, path: PathSegment[]): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return path.length > 0 ? `duplicate key "${path[path.length - 1]}": each key may appear once` : 'duplicate key: each key may appear once';
    case 'TAG_RESOLVE_FAILED':
      return `YAML: ${message}: tags are not supported in a spec`;
    default:
      return `YAML syntax: ${message}`;
  }
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function contains(node: { range?: [number, number, number] | null } | null | undefined, offset: number): boolean {
  const r = node?.range;
  return !!r && r[0] <= offset && offset < Math.max(r[2], r[1], r[0] + 1);
}

/** The key path of the innermost node at a source offset (best effort, for YAML errors). */
export function pathAtOffset(doc: Document, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = doc.contents;
  for (let guard = 0; guard < 1000; guard++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key as Node, offset) || contains(p.value as Node, offset));
      if (!pair) break;
      path.push(keyText(pair.key));
      if (contains(pair.key as Node, offset)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => contains(item as Node, offset));
      if (i < 0) break;
      path.push(i);
      node = node.items[i];
    } else {
      break;
    }
  }
  return path;
}

/**
 * Source offset of the node at `path`: the value node, or the key with `atKey`. A path
 * that leaves the document (a missing key) stops at the deepest node that exists, which
 * is where the missing key belongs. Aliases are followed to their anchor.
 */
export function offsetOfPath(doc: Document, path: readonly PathSegment[], atKey = false): number {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (!pair) return offset;
      const keyOffset = (pair.key as Node | null)?.range?.[0];
      if (atKey && i === path.length - 1 && keyOffset !== undefined) return keyOffset;
      node = pair.value;
      offset = (node as Node | null)?.range?.[0] ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}
