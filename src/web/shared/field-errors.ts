/**
 * The API's problem+json for a form, as one message per field, in the reader's language.
 * Shared by the server (a form posted without JavaScript is re-rendered with its errors) and
 * the browser (a form sent through the JSON API marks its fields), so both say the same thing.
 * The API names the field (`issues[].path`, or `fields` for a refused card number); what is
 * wrong is worked out from the field's own constraints (the schema's, rendered on the field),
 * never from the submitted value's text, which is never echoed outside its own escaped field.
 */

/** What the API sends back for a refused form. */
export type FormProblem = { code?: string; title?: string; issues?: { path?: string }[]; fields?: string[] };

/** A field's constraints as the form renders them (from its zod schema). */
export type FieldRule = { required?: boolean; minLength?: number; maxLength?: number };

export type FieldError = { key: 'required' | 'tooLong' | 'tooShort' | 'card' | 'invalid'; vars: Record<string, number> };

/** The dictionary key of a field error (under `common.`, so every page's script has it). */
export const fieldErrorKey = (e: FieldError): string => `common.field.${e.key}`;

const fieldOf = (path: string | undefined): string => String(path ?? '').split('.')[0] ?? '';

/** Field name → its error, for every field the problem names. */
export function fieldErrors(problem: FormProblem, value: (field: string) => string, rule: (field: string) => FieldRule | undefined): Map<string, FieldError> {
  const out = new Map<string, FieldError>();
  if (problem.code === 'card_data_refused') {
    for (const f of problem.fields ?? []) out.set(fieldOf(f), { key: 'card', vars: {} });
    return out;
  }
  if (problem.code !== 'validation_failed') return out;
  for (const issue of problem.issues ?? []) {
    const name = fieldOf(issue.path);
    if (!name || out.has(name)) continue;
    const r = rule(name) ?? {};
    const len = [...value(name).trim()].length;
    if (len === 0 && r.required) out.set(name, { key: 'required', vars: {} });
    else if (r.maxLength !== undefined && len > r.maxLength) out.set(name, { key: 'tooLong', vars: { max: r.maxLength } });
    else if (r.minLength !== undefined && len < r.minLength) out.set(name, { key: 'tooShort', vars: { min: r.minLength } });
    else out.set(name, { key: 'invalid', vars: {} });
  }
  return out;
}
