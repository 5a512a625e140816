/* global document, fetch, location, Node, FormData */
// Shared by every page: the page's dictionary, the JSON API client (CSRF on writes),
// error messages in the reader's language, a DOM builder that never parses markup.

const dict = JSON.parse(document.getElementById('pledge-i18n')?.textContent ?? '{}');
export const lang = document.documentElement.lang === 'en' ? 'en' : 'vi';

export function t(key, vars = {}) {
  const s = dict[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? 'error');
    this.status = status;
    this.problem = problem ?? {};
    this.code = this.problem.code ?? 'unknown';
  }
}

let csrfToken;

/** The session as the API sees it; also where a page gets its CSRF token. */
export async function session() {
  const s = await api('GET', '/api/auth/session');
  csrfToken = s?.csrfToken;
  return s;
}

export const rememberCsrf = (token) => {
  csrfToken = token;
};

/** Calls the JSON API; a problem+json answer becomes an ApiError carrying its code. */
export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (csrfToken === undefined) await session().catch(() => undefined);
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let res;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'network', title: t('common.network') });
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data ?? { code: 'unknown', title: t('common.unknown') });
  return data;
}

/** The message a person reads: our translation of the code when we have one, else the API's title. */
export function errorMessage(err, form) {
  if (!(err instanceof ApiError)) return err?.userMessage ?? t('common.unknown');
  const key = `error.${err.code}`;
  let msg = key in dict ? t(key) : (err.problem.title ?? t('common.unknown'));
  if (err.code === 'validation_failed' && Array.isArray(err.problem.issues) && form) {
    const labels = [...new Set(err.problem.issues.map((i) => fieldLabel(form, i.path)).filter(Boolean))];
    if (labels.length) msg += ' ' + t('common.fixFields', { fields: labels.join(', ') });
    markInvalid(form, err.problem.issues.map((i) => i.path));
  }
  return msg;
}

function fieldLabel(form, path) {
  const input = form.elements.namedItem(String(path ?? '').split('.')[0]);
  return input?.labels?.[0]?.textContent?.trim() ?? null;
}

function markInvalid(form, paths) {
  for (const p of paths) form.elements.namedItem(String(p ?? '').split('.')[0])?.setAttribute?.('aria-invalid', 'true');
}

/** Shows an error in the form's alert region (announced by screen readers). */
export function showError(form, err) {
  const box = form.querySelector('.form-error');
  if (!box) return;
  box.textContent = errorMessage(err, form);
  box.hidden = false;
}

export function clearError(form) {
  const box = form.querySelector('.form-error');
  if (box) box.hidden = true;
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** A form's fields as an object of trimmed strings (passwords untouched). */
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form)) out[k] = form.elements.namedItem(k)?.type === 'password' ? String(v) : String(v).trim();
  return out;
}

/** Runs a form's submit handler with the button disabled and errors shown in the form. */
export function onSubmit(form, handler) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearError(form);
    const button = form.querySelector('button[type=submit]');
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

/** Builds an element; children are nodes or text, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

export function formatDate(iso, withTime = false) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' }).format(d);
}

/** A local path to go to after signing in: never another origin. */
export function safeNext(value, fallback) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : fallback;
}

document.querySelector('[data-signout]')?.addEventListener('click', async () => {
  try {
    await api('POST', '/api/auth/sign-out');
  } finally {
    location.href = '/';
  }
});
