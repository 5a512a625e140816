/* global document, location */
// One policy version (or the current one), its summary, its difference to the version
// before it, and the list of every version (C40).
import { api, el, errorMessage, formatDate, lang, t } from './app.js';
import { renderPolicyText } from './policy-text.js';

const root = document.getElementById('policy');
const kind = root.dataset.kind;
const wanted = root.dataset.version;
const items = (res) => (Array.isArray(res) ? res : (res?.items ?? res?.versions ?? []));

const CONTEXT = 200;

/** Changes with some unchanged text around each; long unchanged stretches are folded to a gap. */
function renderDiff(diff) {
  return diff.flatMap((part, i) => {
    const text = String(part.text ?? '');
    if (part.op === 'add') return [el('ins', {}, text)];
    if (part.op === 'del') return [el('del', {}, text)];
    if (text.length <= CONTEXT * 3) return [el('span', {}, text)];
    // Cut at spaces so no word is shown in halves.
    const head = i === 0 ? '' : text.slice(0, CONTEXT).replace(/\S*$/, '');
    const tail = i === diff.length - 1 ? '' : text.slice(-CONTEXT).replace(/^\S*/, '');
    return [el('span', {}, head), el('span', { class: 'gap', 'aria-hidden': 'true' }, '…'), el('span', {}, tail)];
  });
}

try {
  const path = wanted ? `/api/policies/${kind}/versions/${wanted}` : `/api/policies/${kind}/current`;
  const [doc, versions] = await Promise.all([api('GET', `${path}?lang=${lang}`), api('GET', `/api/policies/${kind}/versions`)]);
  const meta = [t('policy.versionN', { version: doc.version }), t('policy.published', { date: formatDate(doc.publishedAt) })];
  root.querySelector('[data-meta]').replaceChildren(meta.join(' · '), doc.significant ? el('span', { class: 'badge' }, t('policy.significant')) : '');
  if (doc.summary) {
    root.querySelector('[data-summary] span').textContent = doc.summary;
    root.querySelector('[data-summary]').hidden = false;
  }
  if (!doc.previousVersion) root.querySelector('[data-first]').hidden = false;
  if (doc.previousVersion && Array.isArray(doc.diff) && doc.diff.some((p) => p.op !== 'same')) {
    const section = root.querySelector('[data-diff]');
    section.querySelector('h2').textContent = t('policy.diff', { version: doc.previousVersion });
    section.querySelector('.diff').replaceChildren(...renderDiff(doc.diff));
    section.hidden = false;
  }
  root.querySelector('[data-body]').replaceChildren(...renderPolicyText(doc.body));
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  const newest = Math.max(...items(versions).map((v) => v.version));
  root.querySelector('[data-versions]').replaceChildren(...items(versions)
    .sort((a, b) => b.version - a.version)
    .map((v) => el('li', {},
      el('a', { href: `/policies/${kind}/${v.version}`, 'aria-current': v.version === doc.version ? 'page' : null }, t('policy.versionN', { version: v.version })),
      v.version === newest ? el('span', { class: 'badge badge-ok' }, t('policy.current')) : '',
      v.significant && v.version > 1 ? el('span', { class: 'badge' }, t('policy.significant')) : '',
      el('span', { class: 'hint' }, formatDate(v.publishedAt)))));
} catch (err) {
  root.querySelector('[data-meta]').textContent = '';
  const box = root.querySelector('.form-error');
  box.textContent = err?.status === 404 ? t('policy.notFound') : errorMessage(err);
  box.hidden = false;
}
