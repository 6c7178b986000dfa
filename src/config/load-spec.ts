import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { SpecError, type SpecProblem } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import { checkDottedParameter, type Sections } from './check-dotted.js';
import { checkSources } from './check-sources.js';
import { checkSpec } from './check-spec.js';
import { isPlainObject } from './describe-value.js';
import { isDottedName } from './dotted-path.js';
import { normalizeSpec, parseData, parseModel } from './normalize-spec.js';
import { offsetOfPath, parseYaml } from './parse-yaml.js';
import { readSpecFile } from './read-spec-file.js';
import { specSchema } from './spec-schema.js';
import { loadWarnings } from './load-warnings.js';
import { formatPath, type SpecIssue } from './spec-issue.js';
import type { DataSpec, LoadedSpec, ParameterSpec, SpecSource } from './types.js';
import { explainInferred, inferDistributions } from './infer-distribution.js';
import { inferTask } from './infer-task.js';
import { flattenNested, originalPath } from './nested-parameters.js';
import { checkFreeForm, resolveReferences } from './free-form.js';
import { checkTask } from './check-task.js';
import { fallbackMessage, issuesFromZod } from './zod-issues.js';

/**
 * Reads and validates a sweep spec. Throws a SpecError (exit 2) listing every problem
 * found, each located `file:line:col  path: message` and sorted by position.
 */
export function loadSpec(file: string, options: LoadSpecOptions = {}): LoadedSpec {
  const text = readSpecFile(file);
  return loadSpecText(text, file, dirname(resolve(file)), options);
}

export interface LoadSpecOptions {
  /**
   * Whether the data's single target column holds text (class labels): the one clue to a
   * sweep's task that needs the data read, which config does not do. The CLI and the
   * library pass data/text-labels.ts; without it, text labels need `task: classification`.
   */
  textLabels?: (data: DataSpec) => boolean;
}

/**
 * Validates spec text. `file` is only used in messages; relative paths in the spec
 * resolve against `specDir` (the spec's folder), and the files they name must exist
 * (the only I/O here).
 * `source.hash` is the sha256 of the normalized spec's canonical JSON, so comments and
 * formatting do not change it.
 */
export function loadSpecText(text: string, file: string, specDir: string, options: LoadSpecOptions = {}): LoadedSpec {
  const dir = resolve(specDir);
  const parsed = parseYaml(text);
  const { doc, lineCounter } = parsed;
  const at = (offset: number) => lineCounter.linePos(offset);
  if (parsed.problems.length > 0) {
    throw new SpecError(sortProblems(parsed.problems.map((p) => ({ file, ...at(p.offset), path: formatPath(p.path), message: p.message }))));
  }
  // W&B's nested parameters become flat dotted names; `origin` locates them in the file.
  const nested = flattenNested(parsed.value);
  const inferred = inferDistributions(doc, parsed.value);
  let issues: SpecIssue[] = [];
  // `${name}` references in the model: validated as if each were a dotted parameter at that
  // spot, and the model validated with the parameter's first value in place.
  const refs = resolveReferences(nested.raw);
  issues.push(...refs.issues);
  const raw = refs.raw;
  if (raw === null || raw === undefined) {
    issues.push({ path: [], message: 'the spec is empty: expected a mapping with name, data, model and parameters' });
  } else {
    const full = specSchema.safeParse(raw, { error: fallbackMessage });
    if (!full.success) issues.push(...issuesFromZod(full.error.issues, specSchema, raw));
    issues.push(...checkSpec(raw));
  }
  const rawObj = isPlainObject(raw) ? raw : {};
  const data = parseData(rawObj.data, dir);
  const model = parseModel(rawObj.model, dir);
  const sections: Sections = { data: data.ok ? data.value : undefined, model: model.ok ? model.value : undefined };
  issues.push(...checkSources(raw, dir));
  const dotted = new Map<string, ParameterSpec>();
  const params = isPlainObject(rawObj.parameters) ? rawObj.parameters : {};
  for (const name of Object.keys(params).filter(isDottedName)) {
    const r = checkDottedParameter(name, params[name], sections, dir, rawObj.method ?? 'grid');
    issues.push(...r.issues);
    if (r.param) dotted.set(name, r.param);
  }
  for (const ref of refs.references) {
    const as = `model.${ref.path.join('.')}`;
    const r = checkDottedParameter(as, params[ref.name], sections, dir, rawObj.method ?? 'grid');
    issues.push(...r.issues.map((i) => ({ ...i, path: i.path[1] === as ? ['parameters', ref.name, ...i.path.slice(2)] : i.path })));
  }
  issues.push(...checkFreeForm(rawObj, refs.references));
  // The task decides defaults and what must agree with it; a broken data section has no labels to read.
  const { task } = inferTask(rawObj, () => data.ok && options.textLabels !== undefined && options.textLabels(data.value));
  issues.push(...checkTask(rawObj, task));
  // A reference to no parameter is reported once: not also as the `${...}` text the model schema saw.
  const unresolved = new Set(refs.issues.map((i) => formatPath(i.path)));
  issues = issues.filter((i) => refs.issues.includes(i) || !unresolved.has(formatPath(i.path)));
  issues = explainInferred(issues.map((i) => ({ ...i, path: originalPath(i.path, nested.origin) })), inferred);
  if (issues.length > 0) {
    throw new SpecError(
      sortProblems(issues.map((i) => ({ file, ...at(offsetOfPath(doc, i.path, i.atKey)), path: formatPath(i.path), message: i.message }))),
    );
  }
  const spec = normalizeSpec(specSchema.parse(raw), dir, dotted, task, refs.references);
  const hash = createHash('sha256').update(canonicalJson(spec)).digest('hex');
  const source = { file, dir, yaml: text, hash };
  return { spec, source, warnings: locateWarnings(source, loadWarnings(rawObj, spec)) };
}

/**
 * Warnings about a spec that loaded, each located like a problem and worded
 * `file:line:col  path: warning: message`.
 */
export function locateWarnings(source: Pick<SpecSource, 'file' | 'yaml'>, issues: readonly SpecIssue[]): string[] {
  if (issues.length === 0) return [];
  const { doc, lineCounter } = parseYaml(source.yaml);
  return issues.map((i) => {
    const { line, col } = lineCounter.linePos(offsetOfPath(doc, i.path, i.atKey));
    return `${source.file}:${line}:${col}  ${formatPath(i.path) || '(root)'}: warning: ${i.message}`;
  });
}

/**
 * A SpecError for problems found after loading (the data's columns, the model's width),
 * each located in the spec's own text like a validation problem.
 */
export function specErrorAt(loaded: LoadedSpec, issues: readonly SpecIssue[]): SpecError {
  const { doc, lineCounter } = parseYaml(loaded.source.yaml);
  return new SpecError(sortProblems(issues.map((i) => ({
    file: loaded.source.file, ...lineCounter.linePos(offsetOfPath(doc, i.path, i.atKey)), path: formatPath(i.path), message: i.message,
  }))));
}

/** By position, then path; identical problems (one cause seen twice) are kept once. */
function sortProblems(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems
    .slice()
    .sort((a, b) => a.line - b.line || a.col - b.col || compare(a.path, b.path) || compare(a.message, b.message))
    .filter((p) => {
      const key = `${p.line}:${p.col}:${p.path}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
