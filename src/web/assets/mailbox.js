/* global document */
// Outbox mail with its links made clickable: how a demo user reads the verification
// e-mail while no SMTP transport is configured.
import { api, el, errorMessage, formatDate, t } from './app.js';

const list = document.getElementById('mail');
const URL_RE = /https?:\/\/[^\s<>"')]+/g;

/** Body text with every http(s) URL turned into a link; everything else stays text. */
function linkify(text) {
  const out = [];
  let last = 0;
  for (const m of String(text ?? '').matchAll(URL_RE)) {
    out.push(text.slice(last, m.index), el('a', { href: m[0] }, m[0]));
    last = m.index + m[0].length;
  }
  out.push(String(text ?? '').slice(last));
  return out;
}

try {
  const res = await api('GET', '/api/dev/mailbox');
  const mail = res?.items ?? []; // newest first, as the API lists them
  list.replaceChildren(...(mail.length
    ? mail.map((m) => el('li', { class: 'mail' },
      el('article', { 'aria-label': m.subject },
        el('h2', {}, m.subject),
        el('p', { class: 'meta' }, `${t('mailbox.to')}: ${m.to} · ${formatDate(m.createdAt, true)}`),
        el('pre', { class: 'mail-body' }, linkify(m.text)))))
    : [el('li', { class: 'empty' }, t('mailbox.empty'))]));
} catch (err) {
  list.replaceChildren(el('li', { class: 'empty' }, err?.status === 404 ? t('mailbox.disabled') : errorMessage(err)));
}
