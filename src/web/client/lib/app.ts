// Shared by every page script: the page's dictionary, the JSON API client (CSRF on writes),
// error messages in the reader's language, a DOM builder that never parses markup.
import type { z } from 'zod';
import { sameOriginNext } from '../../shared/next.ts';
import { fieldErrorKey, fieldErrors, type FormProblem } from '../../shared/field-errors.ts';

/** What a route's body schema accepts and what its answer schema gives, from the API's own zod schemas. */
export type In<S extends z.ZodType> = z.input<S>;
export type Out<S extends z.ZodType> = z.output<S>;

const dict: Record<string, string> = JSON.parse(document.getElementById('pledge-i18n')?.textContent ?? '{}') as Record<string, string>;
export const lang: 'vi' | 'en' = document.documentElement.lang === 'en' ? 'en' : 'vi';

export function t(key: string, vars: Record<string, string | number> = {}): string {
  const s = dict[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A problem+json answer, as the API sends it. */
export type Problem = FormProblem;

export class ApiError extends Error {
  readonly code: string;
  constructor(readonly status: number, readonly problem: Problem = {}) {
    super(problem.title ?? 'error');
    this.code = problem.code ?? 'unknown';
  }
}

/** An error whose message is already written for the reader. */
export class UserError extends Error {}

let csrfToken: string | undefined;

/** The session as the API sees it; also where a page gets its CSRF token. */
export async function session(): Promise<{ csrfToken?: string } | null> {
  const s = await api<{ csrfToken?: string } | null>('GET', '/api/auth/session');
  csrfToken = s?.csrfToken;
  return s;
}

export const rememberCsrf = (token: string | undefined): void => {
  csrfToken = token;
};

/** Calls the JSON API; a problem+json answer becomes an ApiError carrying its code. */
export async function api<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (csrfToken === undefined) await session().catch(() => undefined);
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'network', title: t('common.network') });
  }
  if (res.status === 204) return null as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, (data as Problem | null) ?? { code: 'unknown', title: t('common.unknown') });
  return data as T;
}

type Field = HTMLInputElement & { labels?: NodeListOf<HTMLLabelElement> | null };
const fieldNamed = (form: HTMLFormElement, name: string): Field | null => {
  const f = form.elements.namedItem(name);
  return f instanceof HTMLInputElement || f instanceof HTMLTextAreaElement || f instanceof HTMLSelectElement ? (f as Field) : null;
};

/**
 * Marks each field the API's problem names with its message beside it (as the server does for a
 * form posted without JavaScript: shared/field-errors.ts); returns the fields' labels.
 */
function markFields(form: HTMLFormElement, problem: Problem): string[] {
  const errors = fieldErrors(problem, (name) => fieldNamed(form, name)?.value ?? '', (name) => {
    const f = fieldNamed(form, name);
    if (!f) return undefined;
    const num = (a: string) => (f.hasAttribute(a) ? Number(f.getAttribute(a)) : undefined);
    return { required: f.required, minLength: num('minlength'), maxLength: num('maxlength') };
  });
  const labels: string[] = [];
  for (const [name, e] of errors) {
    const f = fieldNamed(form, name);
    if (!f) continue;
    const id = f.id || name;
    const hint = f.getAttribute('aria-describedby');
    f.dataset.hint = hint ?? '';
    f.setAttribute('aria-invalid', 'true');
    f.setAttribute('aria-describedby', [hint, `${id}-error`].filter(Boolean).join(' '));
    f.closest('.field')?.append(el('p', { class: 'field-error', id: `${id}-error` }, t(fieldErrorKey(e), e.vars)));
    const label = f.labels?.[0]?.textContent?.trim();
    if (label) labels.push(label);
  }
  return labels;
}

/** The message a person reads: our translation of the code when we have one, else the API's title. */
export function errorMessage(err: unknown, form?: HTMLFormElement): string {
  if (err instanceof UserError) return err.message;
  if (!(err instanceof ApiError)) return t('common.unknown');
  const key = `error.${err.code}`;
  const msg = key in dict ? t(key) : (err.problem.title ?? t('common.unknown'));
  const labels = form ? markFields(form, err.problem) : [];
  return labels.length ? t('common.fixFields', { fields: labels.join(', ') }) : msg;
}

/** Shows an error in the form's alert region (announced by screen readers). */
export function showError(form: HTMLFormElement, err: unknown): void {
  const box = form.querySelector<HTMLElement>('.form-error');
  if (!box) return;
  box.textContent = errorMessage(err, form);
  box.hidden = false;
}

export function clearError(form: HTMLFormElement): void {
  const box = form.querySelector<HTMLElement>('.form-error');
  if (box) box.hidden = true;
  for (const f of form.querySelectorAll<HTMLElement>('[aria-invalid]')) {
    f.removeAttribute('aria-invalid');
    if (f.dataset.hint) f.setAttribute('aria-describedby', f.dataset.hint);
    else f.removeAttribute('aria-describedby');
  }
  for (const m of form.querySelectorAll('.field-error')) m.remove();
}

/** A form's fields as an object of trimmed strings (passwords untouched). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) out[k] = (form.elements.namedItem(k) as HTMLInputElement | null)?.type === 'password' ? String(v) : String(v).trim();
  return out;
}

/** Runs a form's submit handler with the button disabled and errors shown in the form. */
export function onSubmit(form: HTMLFormElement | null, handler: (values: Record<string, string>) => Promise<void>): void {
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearError(form);
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await handler(formValues(form));
    } catch (err) {
      showError(form, err);
    } finally {
      if (button) button.disabled = false;
    }
  });
}

/** An element the page's markup must hold: missing, it is a bug in the page, not a state. */
export function byId<E extends HTMLElement = HTMLElement>(id: string): E {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return node as E;
}

/** The first element matching `selector` under `root`, which the markup must hold. */
export function one<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const node = root.querySelector<E>(selector);
  if (!node) throw new Error(`${selector} is missing`);
  return node;
}

export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Builds an element; children are nodes or text, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | null | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  const add = (c: Child): void => {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) for (const x of c as readonly Child[]) add(x);
    else node.append(c instanceof Node ? c : String(c));
  };
  for (const c of children) add(c);
  return node;
}

/** The one table of the client: a caption for screen readers, scrollable on a narrow screen (as the server's). */
export function table(caption: string, headers: readonly string[], rows: readonly Node[]): HTMLElement {
  return el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    el('table', {}, el('caption', { class: 'visually-hidden' }, caption),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)));
}

// Vietnam's time with the zone named, as the server renders dates: the reader's own zone may differ.
const ZONE = 'Asia/Ho_Chi_Minh';

/** A date (or date and time) in Vietnam time, in the reader's language, the zone shown with a time. */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  if (!withTime) return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: ZONE }).format(d);
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(d)} (${t('common.zone')})`;
}

/** A local path to go to after signing in: parsed as the browser will, so never another origin. */
export const safeNext = (value: string | null | undefined, fallback: string): string => sameOriginNext(value, location.origin, fallback);

document.querySelector('[data-signout]')?.addEventListener('click', async () => {
  try {
    await api('POST', '/api/auth/sign-out');
  } finally {
    location.href = '/';
  }
});
