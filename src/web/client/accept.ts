// Reads both current texts, then records the acceptance of exactly the versions shown (C06).
import { api, byId, el, formatDate, lang, one, onSubmit, showError, t, UserError, type In, type Out } from './lib/app.ts';
import { renderPolicyText } from './lib/policy-text.ts';
import type { AcceptBody, PolicyStatusOut, PolicyVersionOut } from '../../routes/policies/schema.ts';

type Doc = Out<typeof PolicyVersionOut>;
const form = byId<HTMLFormElement>('accept-form');
const button = one<HTMLButtonElement>(form, 'button[type=submit]');
const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];

function fill(kind: 'privacy' | 'terms', doc: Doc): void {
  const article = byId(`doc-${kind}`);
  one(article, '[data-meta]').textContent = t('accept.version', { version: doc.version, date: formatDate(doc.publishedAt) });
  if (doc.summary) {
    const summary = one(article, '[data-summary]');
    one(summary, 'span').textContent = doc.summary;
    summary.hidden = false;
  }
  one(article, '[data-body]').replaceChildren(...renderPolicyText(doc.body, 'h3'));
  const label = one(form, `label[for=accept-${kind}]`);
  label.textContent = t(label.dataset.label ?? '', { version: doc.version });
}

try {
  const [status, privacy, terms] = await Promise.all([
    api<Out<typeof PolicyStatusOut>>('GET', '/api/policies/status'),
    api<Doc>('GET', `/api/policies/privacy/current?lang=${lang}`),
    api<Doc>('GET', `/api/policies/terms/current?lang=${lang}`),
  ]);
  fill('privacy', privacy);
  fill('terms', terms);
  if (!status.acceptanceRequired && status.accepted) {
    const note = byId('accept-status');
    const a = status.accepted;
    note.replaceChildren(
      t('accept.already'), ' ',
      t('accept.last', { privacy: a.privacyVersion, terms: a.termsVersion, at: formatDate(a.acceptedAt, true) }), ' ',
      el('a', { href: '/profile' }, t('nav.profile')),
    );
    note.hidden = false;
  }
  const sync = (): void => {
    button.disabled = !boxes.every((b) => b.checked);
  };
  for (const b of boxes) b.addEventListener('change', sync);
  onSubmit(form, async () => {
    if (!boxes.every((b) => b.checked)) throw new UserError(t('accept.tickBoth'));
    const body: In<typeof AcceptBody> = { privacyVersion: privacy.version, termsVersion: terms.version };
    await api('POST', '/api/policies/accept', body);
    location.href = '/profile';
  });
} catch (err) {
  showError(form, err);
}
