/**
 * Form constraints from the zod schemas the API validates with, so none is written twice:
 * a form names its schema (`data-schema`), each field takes `required`, `minlength`,
 * `maxlength`, `min` and `max` from it. The browser's checks are a courtesy; the API decides.
 */
import { z } from 'zod';
import { SignInBody, SignUpBody } from '../routes/auth/schema.ts';
import { ApiKeyCreate } from '../routes/api-keys/schema.ts';
import { DisclosureCreate } from '../routes/disclosures/schema.ts';
import { ProfilePatchBody } from '../routes/me/schema.ts';
import { CenterRestrictionBody, SignInBody as CenterSignInBody } from '../routes/privacy-center/schema.ts';
import { AgreementCreate, ProcessorCreate } from '../routes/processors/schema.ts';
import { AccessReason } from '../routes/staff-tenants/schema.ts';
import { CenterRequestBody, FormBody as RequestFormBody } from '../routes/requests/intake-schema.ts';
import type { FieldRule } from './shared/field-errors.ts';

/** The schemas forms are rendered from, by the name a form gives in `data-schema`. */
export const FORM_SCHEMAS = {
  SignUpBody, SignInBody, ProfilePatchBody, ApiKeyCreate, ProcessorCreate, AgreementCreate, DisclosureCreate, CenterSignInBody, CenterRestrictionBody, RequestFormBody,
  // Staff send their reason in a header; the form field is checked by the same schema.
  StaffAccess: z.object({ accessReason: AccessReason }),
  // "My requests": the request, and a correction's fields, which the form sends flat.
  CenterRequestBody, CenterCorrection: CenterRequestBody.shape.correction.unwrap(),
} as const;
export type FormSchema = keyof typeof FORM_SCHEMAS;

/** A field's JSON Schema, as zod describes what it accepts. */
export type FieldSpec = { type?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number; enum?: unknown[]; anyOf?: FieldSpec[] };
type Spec = { properties: Record<string, FieldSpec>; required: ReadonlySet<string> };

const specs = new Map<FormSchema, Spec>();

/** What the schema accepts for each field (an optional field's non-null alternative). */
export function formSpec(name: FormSchema): Spec {
  let spec = specs.get(name);
  if (!spec) {
    const js = z.toJSONSchema(FORM_SCHEMAS[name], { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, FieldSpec>; required?: string[] };
    const properties: Record<string, FieldSpec> = {};
    for (const [k, v] of Object.entries(js.properties ?? {})) properties[k] = v.anyOf?.find((a) => a.type !== 'null') ?? v;
    spec = { properties, required: new Set(js.required ?? []) };
    specs.set(name, spec);
  }
  return spec;
}

/** The attribute naming a form's schemas (the API's body, and any extra fields' schema), spread on the `<form>`. */
export const formSchemas = (...names: FormSchema[]): { 'data-schema': string } => ({ 'data-schema': names.join(' ') });

/** A field's constraints as attributes, spread on the `<input>`, `<select>` or `<textarea>`. */
export type Constraints = { required?: true; minlength?: number; maxlength?: number; min?: number; max?: number };

/**
 * A field's constraints as HTML attributes. `required` may be forced where the form asks for
 * what the schema leaves optional (a profile's name may not be emptied, though a patch omits it).
 */
export function constraints(schema: FormSchema, field: string, opts: { required?: boolean } = {}): Constraints {
  const spec = formSpec(schema);
  const f = spec.properties[field];
  if (!f) throw new Error(`${schema} has no field ${field}`);
  const out: Constraints = {};
  if (opts.required ?? spec.required.has(field)) out.required = true;
  if (f.minLength !== undefined && f.minLength > 1) out.minlength = f.minLength;
  if (f.maxLength !== undefined) out.maxlength = f.maxLength;
  if (f.minimum !== undefined) out.min = f.minimum;
  if (f.maximum !== undefined) out.max = f.maximum;
  return out;
}

/** A field's rule for naming what is wrong with it (see shared/field-errors.ts), from the same schema. */
export function fieldRule(schema: FormSchema, field: string, opts: { required?: boolean } = {}): FieldRule {
  const c = constraints(schema, field, opts);
  return { required: c.required === true, minLength: c.minlength, maxLength: c.maxlength };
}
