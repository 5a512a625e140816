// One policy version (or the current one), its summary, its difference to the version
// before it, and the list of every version (C40).
import { api, ApiError, byId, el, errorMessage, formatDate, lang, one, t, type Out } from './lib/app.ts';
import { renderPolicyText } from './lib/policy-text.ts';
import type { PolicyVersionList, PolicyVersionOut } from '../../routes/policies/schema.ts';

type Doc = Out<typeof PolicyVersionOut>;
const root = byId('policy');
const kind = root.dataset.kind ?? 'privacy';
const wanted = root.dataset.version;

const CONTEXT = 200;

/** Changes with some unchanged text around each; long unchanged stretches are folded to a gap. */
function renderDiff(diff: Doc['diff']): HTMLElement[] {
  return diff.flatMap((part, i) => {
    const text = part.text;
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
  const [doc, versions] = await Promise.all([
    api<Doc>('GET', `${path}?lang=${lang}`),
    api<Out<typeof PolicyVersionList>>('GET', `/api/policies/${kind}/versions`),
  ]);
  const meta = [t('policy.versionN', { version: doc.version }), t('policy.published', { date: formatDate(doc.publishedAt) })];
  one(root, '[data-meta]').replaceChildren(meta.join(' · '), doc.significant ? el('span', { class: 'badge' }, t('policy.significant')) : '');
  if (doc.summary) {
    one(root, '[data-summary] span').textContent = doc.summary;
    one(root, '[data-summary]').hidden = false;
  }
  if (!doc.previousVersion) one(root, '[data-first]').hidden = false;
  if (doc.previousVersion && doc.diff.some((p) => p.op !== 'same')) {
    const section = one(root, '[data-diff]');
    one(section, 'h2').textContent = t('policy.diff', { version: doc.previousVersion });
    one(section, '.diff').replaceChildren(...renderDiff(doc.diff));
    section.hidden = false;
  }
  one(root, '[data-body]').replaceChildren(...renderPolicyText(doc.body));
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  const newest = Math.max(...versions.items.map((v) => v.version));
  one(root, '[data-versions]').replaceChildren(...[...versions.items]
    .sort((a, b) => b.version - a.version)
    .map((v) => el('li', {},
      el('a', { href: `/policies/${kind}/${v.version}`, 'aria-current': v.version === doc.version ? 'page' : null }, t('policy.versionN', { version: v.version })),
      v.version === newest ? el('span', { class: 'badge badge-ok' }, t('policy.current')) : '',
      v.significant && v.version > 1 ? el('span', { class: 'badge' }, t('policy.significant')) : '',
      el('span', { class: 'hint' }, formatDate(v.publishedAt)))));
} catch (err) {
  one(root, '[data-meta]').textContent = '';
  const box = one(root, '.form-error');
  box.textContent = err instanceof ApiError && err.status === 404 ? t('policy.notFound') : errorMessage(err);
  box.hidden = false;
}
