import { z } from 'zod';
import { specSchema } from './spec-schema.js';

/**
 * The JSON Schema of a sweep spec, generated from the same zod schema the loader
 * validates with, for editors (yaml-language-server) to complete and check specs as they
 * are typed. A copy is committed as schema/tfsweep-spec.schema.json (a test keeps it in
 * sync). Checks that span fields (grid vs distribution, files that must exist) are only
 * in the loader; the JSON Schema is the shape.
 */
export function specJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(specSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema: Record<string, unknown> = {
    $schema,
    title: 'tfsweep sweep spec',
    description: 'A hyperparameter sweep for tfsweep: the data, the model, and the parameters to grid or sample.',
    ...rest,
  };
  // zod's catchall admits any extra parameter name; published, names must be well formed
  // (dotted paths into model/data, or free-form names: config/knob-aliases.ts PARAMETER_NAME).
  const params = (schema.properties as Record<string, Record<string, unknown>>).parameters;
  params.patternProperties = { '^[A-Za-z_][A-Za-z0-9_.-]*$': params.additionalProperties };
  params.additionalProperties = false;
  return schema;
}

/** The exact text `tfsweep schema` prints and the committed copy holds. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}
