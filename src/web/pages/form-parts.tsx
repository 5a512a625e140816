/**
 * What every server-rendered form shares: the session's CSRF token and a per-render
 * Idempotency-Key as hidden fields (a form posted without JavaScript is forwarded to the API
 * with them), and a field's error beside it, in the page's language.
 */
import { fieldErrorKey, type FieldError } from '../shared/field-errors.ts';
import { dictionary, type MessageKey } from '../i18n/index.ts';
import type { View } from '../view.ts';

/** Errors of a re-rendered form, by field name, and the values the person had entered. */
export type FormState = { errors: ReadonlyMap<string, FieldError>; values: Readonly<Record<string, string>>; code?: string };
export const NO_FORM_STATE: FormState = { errors: new Map(), values: {} };

export const Hidden = ({ csrf, formKey }: { csrf: string; formKey?: string }) => (
  <>
    <input type="hidden" name="_csrf" value={csrf} />
    {formKey && <input type="hidden" name="_key" value={formKey} />}
  </>
);

/**
 * The policy section that covers what a form collects, linked inside the form (C15): a person
 * reads what happens to what they type before they send it. The wall in test/web walks every form.
 * @clause C15
 */
export const PolicyNote = ({ t, section }: { t: View['t']; section: number }) => (
  <p class="policy-note">{t('form.policyNote')} <a href={`/policies/privacy#section-${section}`} data-policy-section={String(section)}>{t('form.policyLink', { n: section })}</a></p>
);

/** The attributes that tie a field to its error message, when it has one. */
export const invalidAttrs = (s: FormState, name: string, id: string): Record<string, string> =>
  (s.errors.has(name) ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {});

/** A field's error, announced with the field (its id is the field's `aria-describedby`). */
export function FieldMessage({ v, s, name, id }: { v: View; s: FormState; name: string; id: string }) {
  const e = s.errors.get(name);
  if (!e) return null;
  return <p class="field-error" id={`${id}-error`}>{v.t(fieldErrorKey(e) as MessageKey, e.vars)}</p>;
}

/** The form's alert region: what to fix (the fields' labels), or the refusal no field explains; hidden when all is well. */
export function FormAlert({ v, s, labels }: { v: View; s: FormState; labels?: Readonly<Record<string, string>> }) {
  const message = s.errors.size
    ? v.t('common.fixFields', { fields: [...s.errors.keys()].map((f) => labels?.[f] ?? f).join(', ') })
    : s.code ? problemMessage(v, s.code) : null;
  return message ? <p class="form-error" role="alert">{message}</p> : <p class="form-error" role="alert" hidden></p>;
}

/** A refusal as the reader reads it: our translation of its code, else a generic message (the API's title is English). */
export function problemMessage(v: View, code: string | undefined): string {
  const key = `error.${code ?? 'unknown'}`;
  return key in dictionary(v.lang) ? v.t(key as MessageKey) : v.t('common.unknown');
}
