// The site notice: shown while a significant policy change is recent (C40).
import { api, el, lang, t, type Out } from './lib/app.ts';
import type { SiteNoticeOut } from '../../routes/policies/schema.ts';

const box = document.getElementById('site-notice');
const res = await api<Out<typeof SiteNoticeOut>>('GET', '/api/site-notice').catch(() => null);
const notice = res?.notice;
if (box && notice) {
  box.replaceChildren(
    el('h2', { id: 'site-notice-title' }, t('notice.title', { kind: t(`policy.${notice.kind}`), version: notice.version })),
    el('p', {}, lang === 'vi' ? notice.summaryVi : notice.summaryEn),
    el('p', {}, el('a', { href: `/policies/${notice.kind}/${notice.version}` }, t('notice.read'))),
  );
  box.hidden = false;
}
