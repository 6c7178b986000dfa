import { isPlainObject } from './describe-value.js';
import { isDottedName } from './dotted-path.js';
import { KNOB_ALIASES, knobsOfParameters } from './knob-aliases.js';
import { KNOB_ITEM_SCHEMAS, TRAIN_KNOBS, isTrainKnob } from './knob-schemas.js';
import { parameterSchema } from './parameter-schema.js';
import { findReferences, replaceAt, type Reference } from './references.js';
import type { SpecIssue } from './spec-issue.js';
import { didYouMean } from './suggest.js';
import { fallbackMessage, issuesFromZod } from './zod-issues.js';

/**
 * Free-form parameters (W&B's `lr`, `hidden_size`, `dropout`, ...): names that are neither
 * training knobs nor dotted paths. They reach a model module's build(params), drive a knob
 * when they spell one (knob-aliases.ts), or fill a `${name}` reference in a layer list.
 */

/** The value a reference takes while the model section is validated: the parameter's first value. */
function firstValue(p: unknown): unknown {
  if (!isPlainObject(p)) return undefined;
  if (p.value !== undefined) return p.value;
  if (Array.isArray(p.values) && p.values.length > 0) return p.values[0];
  if (typeof p.min === 'number') return p.distribution === 'int_uniform' || Number.isInteger(p.min) ? p.min : p.min;
  return undefined;
}

/**
 * The raw spec with every `${name}` in its model replaced by the parameter's first value
 * (so the model section validates as written with a value), the references found, and a
 * located issue for each reference to no parameter.
 */
export function resolveReferences(raw: unknown): { raw: unknown; references: Reference[]; issues: SpecIssue[] } {
  if (!isPlainObject(raw) || !isPlainObject(raw.model)) return { raw, references: [], issues: [] };
  const found = findReferences(raw.model);
  if (found.length === 0) return { raw, references: [], issues: [] };
  const params = isPlainObject(raw.parameters) ? raw.parameters : {};
  const issues: SpecIssue[] = [];
  const references: Reference[] = [];
  let model: unknown = raw.model;
  for (const ref of found) {
    if (!Object.prototype.hasOwnProperty.call(params, ref.name)) {
      const names = Object.keys(params);
      issues.push({ path: ['model', ...ref.path], message: `\${${ref.name}} refers to no parameter${didYouMean(ref.name, names)}${names.length > 0 ? `; parameters: ${names.join(', ')}` : ''}` });
      continue;
    }
    references.push(ref);
    const v = firstValue(params[ref.name]);
    if (v !== undefined) model = replaceAt(model, ref.path, v);
  }
  return { raw: { ...raw, model }, references, issues };
}

/**
 * Checks on free-form parameters: an alias of a knob takes the knob's values (checked like
 * the knob's own); with a layer list, a free-form parameter that nothing references is
 * refused, since sweeping it would change nothing (a module receives every parameter).
 */
export function checkFreeForm(raw: Record<string, unknown>, references: readonly Reference[]): SpecIssue[] {
  const params = isPlainObject(raw.parameters) ? raw.parameters : {};
  const explicit = isPlainObject(raw.knobs) ? (raw.knobs as Record<string, string>) : {};
  const knobs = knobsOfParameters(Object.keys(params), explicit);
  const out: SpecIssue[] = [];
  for (const [knob, param] of Object.entries(explicit)) {
    if (typeof param === 'string' && !Object.prototype.hasOwnProperty.call(params, param)) {
      out.push({ path: ['knobs', knob], message: `names no parameter: ${JSON.stringify(param)}${didYouMean(param, Object.keys(params))}` });
    }
  }
  const layers = isPlainObject(raw.model) && Array.isArray(raw.model.layers);
  const referenced = new Set(references.map((r) => r.name));
  for (const name of Object.keys(params).sort()) {
    if (isTrainKnob(name) || isDottedName(name)) continue;
    const knob = knobs.get(name);
    if (knob !== undefined) {
      const r = parameterSchema(KNOB_ITEM_SCHEMAS[knob]).safeParse(params[name], { error: fallbackMessage });
      if (!r.success) out.push(...issuesFromZod(r.error.issues, parameterSchema(KNOB_ITEM_SCHEMAS[knob]), params[name], ['parameters', name]));
      continue;
    }
    if (layers && !referenced.has(name)) {
      const hint = didYouMean(name, [...TRAIN_KNOBS, ...Object.keys(KNOB_ALIASES)]);
      out.push({
        path: ['parameters', name],
        atKey: true,
        message: `unknown parameter "${name}"${hint}: with model.layers, a parameter is a training knob (${TRAIN_KNOBS.join(', ')}), ` +
          `a dotted path such as model.layers.0.units, or fills a \${${name}} reference in a layer (units: \${${name}}); otherwise sweeping it would change nothing`,
      });
    }
  }
  return out;
}
