import { isAlias, isMap, isScalar, type Document, type Node } from 'yaml';
import { isPlainObject } from './describe-value.js';
import type { SpecIssue } from './spec-issue.js';

/**
 * W&B's rule for a parameter written as `{min, max}` with no `distribution`: int_uniform
 * when both bounds are integers, uniform otherwise. W&B decides on the Python type YAML
 * gave the bound (its schema's `format: integer` is `isinstance(value, int)`), so `1.0` and
 * `1e3` are floats there and `min: 0.0, max: 1` is uniform. JavaScript has one number type,
 * so the decision is made here from the YAML source text, where the form is still visible:
 * a bound counts as an integer when YAML 1.2's core schema reads it as one (`10`, `-3`,
 * `0x1F`, `0o17`).
 */
export type InferredDistribution = 'int_uniform' | 'uniform';

const YAML_INT = /^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/;

/**
 * Gives each `{min, max}` entry of `raw.parameters` without distribution, value or values
 * the distribution W&B infers, in place (`raw` is the parser's own fresh value). Returns
 * what was inferred, by parameter name, for messages.
 */
export function inferDistributions(doc: Document, raw: unknown): Map<string, InferredDistribution> {
  const inferred = new Map<string, InferredDistribution>();
  if (!isPlainObject(raw) || !isPlainObject(raw.parameters)) return inferred;
  const paramsNode = child(doc, doc.contents, 'parameters');
  for (const [name, p] of Object.entries(raw.parameters)) {
    if (!isPlainObject(p) || p.distribution !== undefined || p.value !== undefined || p.values !== undefined) continue;
    if (typeof p.min !== 'number' || typeof p.max !== 'number') continue;
    const node = child(doc, paramsNode, name);
    const whole = (key: string) => {
      const bound = child(doc, node, key);
      const source = isScalar(bound) && typeof bound.source === 'string' ? bound.source : undefined;
      return source === undefined ? Number.isInteger(p[key]) : YAML_INT.test(source.trim());
    };
    const d: InferredDistribution = whole('min') && whole('max') ? 'int_uniform' : 'uniform';
    p.distribution = d;
    inferred.set(name, d);
  }
  return inferred;
}

function child(doc: Document, node: unknown, key: string): Node | undefined {
  const map = isAlias(node) ? node.resolve(doc) : node;
  if (!isMap(map)) return undefined;
  const pair = map.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === key);
  const value = pair?.value;
  return (isAlias(value) ? value.resolve(doc) : value) as Node | undefined;
}

/**
 * Problems about an inferred distribution name a key the user did not write: say where the
 * distribution came from.
 */
export function explainInferred(issues: SpecIssue[], inferred: ReadonlyMap<string, InferredDistribution>): SpecIssue[] {
  return issues.map((i) => {
    const d = i.path[0] === 'parameters' && i.path[2] === 'distribution' && i.path.length === 3 ? inferred.get(String(i.path[1])) : undefined;
    if (!d) return i;
    const why = d === 'int_uniform'
      ? '{min, max} with both bounds written as whole numbers is int_uniform, as in W&B; write a bound as 1.0 or add distribution: uniform for real numbers'
      : '{min, max} with a bound written with a decimal point or exponent is uniform, as in W&B; write both as whole numbers for int_uniform';
    return { ...i, message: `${i.message} (no distribution given: ${why})` };
  });
}
