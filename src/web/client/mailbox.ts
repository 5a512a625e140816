// Outbox mail with its links made clickable: how a demo user reads the verification
// e-mail while no SMTP transport is configured.
import { api, ApiError, byId, el, errorMessage, formatDate, t, type Child, type Out } from './lib/app.ts';
import type { MailboxOut } from '../../routes/dev-mailbox/schema.ts';

const list = byId('mail');
const URL_RE = /https?:\/\/[^\s<>"')]+/g;

/** Body text with every http(s) URL turned into a link; everything else stays text. */
function linkify(text: string): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    out.push(text.slice(last, m.index), el('a', { href: m[0] }, m[0]));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

try {
  const res = await api<Out<typeof MailboxOut>>('GET', '/api/dev/mailbox');
  const mail = res.items; // newest first, as the API lists them
  list.replaceChildren(...(mail.length
    ? mail.map((m) => el('li', { class: 'mail' },
      el('article', { 'aria-label': m.subject },
        el('h2', {}, m.subject),
        el('p', { class: 'meta' }, `${t('mailbox.to')}: ${m.to} · ${formatDate(m.createdAt, true)}`),
        el('pre', { class: 'mail-body' }, linkify(m.text)))))
    : [el('li', { class: 'empty' }, t('mailbox.empty'))]));
} catch (err) {
  list.replaceChildren(el('li', { class: 'empty' }, err instanceof ApiError && err.status === 404 ? t('mailbox.disabled') : errorMessage(err)));
}
