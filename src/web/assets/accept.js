/* global document, location */
// Reads both current texts, then records the acceptance of exactly the versions shown (C06).
import { api, el, formatDate, lang, onSubmit, showError, t } from './app.js';
import { renderPolicyText } from './policy-text.js';

const form = document.getElementById('accept-form');
const button = form.querySelector('button[type=submit]');
const boxes = [...form.querySelectorAll('input[type=checkbox]')];

function fill(kind, doc) {
  const article = document.getElementById(`doc-${kind}`);
  article.querySelector('[data-meta]').textContent = t('accept.version', { version: doc.version, date: formatDate(doc.publishedAt) });
  if (doc.summary) {
    const summary = article.querySelector('[data-summary]');
    summary.querySelector('span').textContent = doc.summary;
    summary.hidden = false;
  }
  article.querySelector('[data-body]').replaceChildren(...renderPolicyText(doc.body, 'h3'));
  const label = form.querySelector(`label[for=accept-${kind}]`);
  label.textContent = t(label.dataset.label, { version: doc.version });
}

try {
  const [status, privacy, terms] = await Promise.all([
    api('GET', '/api/policies/status'),
    api('GET', `/api/policies/privacy/current?lang=${lang}`),
    api('GET', `/api/policies/terms/current?lang=${lang}`),
  ]);
  fill('privacy', privacy);
  fill('terms', terms);
  if (status && !status.acceptanceRequired && status.accepted) {
    const note = document.getElementById('accept-status');
    const a = status.accepted;
    note.replaceChildren(
      t('accept.already'), ' ',
      t('accept.last', { privacy: a.privacyVersion, terms: a.termsVersion, at: formatDate(a.acceptedAt, true) }), ' ',
      el('a', { href: '/profile' }, t('nav.profile')),
    );
    note.hidden = false;
  }
  const sync = () => {
    button.disabled = !boxes.every((b) => b.checked);
  };
  for (const b of boxes) b.addEventListener('change', sync);
  onSubmit(form, async () => {
    if (!boxes.every((b) => b.checked)) throw Object.assign(new Error('unticked'), { userMessage: t('accept.tickBoth') });
    await api('POST', '/api/policies/accept', { privacyVersion: privacy.version, termsVersion: terms.version });
    location.href = '/profile';
  });
} catch (err) {
  showError(form, err);
}
