/**
 * Pieces every console page shares: the section tabs, dates in the reader's language and
 * Vietnam's time, and labels for taxonomy keys. Pages are rendered on the server from data the
 * route read in the tenant's transaction; scripts only post forms.
 */
import { findCategory, findPurpose } from '../../domain/taxonomy/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { dictionary, type MessageKey } from '../i18n/index.ts';
import type { View } from '../view.ts';

/** Sections the next issues fill: each has a page today that says what it will hold. */
export const COMING_SECTIONS = ['consents', 'channels', 'analytics', 'retention', 'incidents'] as const;
export type ComingSection = (typeof COMING_SECTIONS)[number];

const SECTIONS = [
  ['/console/subjects', 'console.nav.subjects'],
  ['/console/consents', 'console.nav.consents'],
  ['/console/requests', 'console.nav.requests'],
  ['/console/channels', 'console.nav.channels'],
  ['/console/analytics', 'console.nav.analytics'],
  ['/console/disclosures', 'console.nav.disclosures'],
  ['/console/processors', 'console.nav.processors'],
  ['/console/retention', 'console.nav.retention'],
  ['/console/incidents', 'console.nav.incidents'],
] as const;

/** The console's own tabs, under the site header; the current section is marked for screen readers. */
export function consoleTabs(v: View): SafeHtml {
  return html`<nav class="console-tabs no-print" aria-label="${v.t('console.nav.label')}"><ul>
  ${SECTIONS.map(([href, key]) => html`<li><a href="${href}" ${v.url.pathname.startsWith(href) ? html`aria-current="page"` : ''}>${v.t(key)}</a></li>`)}
</ul></nav>`;
}

/** A date and time as the reader reads it, in Vietnam's time zone (the shop's). */
export function when(v: View, at: Date | string | null): string {
  if (at === null) return '';
  const d = new Date(at);
  return new Intl.DateTimeFormat(v.lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
}

/** A calendar date ('YYYY-MM-DD') as the reader reads it. */
export function day(v: View, isoDay: string | null): string {
  if (isoDay === null) return '';
  return new Intl.DateTimeFormat(v.lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

/** A purpose's name in the reader's language (the taxonomy holds both). */
export function purposeLabel(v: View, key: string | null): string {
  const p = key === null ? undefined : findPurpose(key);
  if (!p) return key ?? '';
  return v.lang === 'vi' ? p.labelVi : p.label;
}

/** A category key with its description as a tooltip-free title: the key is the stable name. */
export const categoryLabel = (key: string): SafeHtml => html`<code title="${findCategory(key)?.description ?? ''}">${key}</code>`;

/** A message key built from a code the database constrains (a basis, a kind); unknown codes show as they are. */
export function label(v: View, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return key in dictionary(v.lang) ? v.t(key as MessageKey) : code;
}

/** A table with a caption for screen readers, scrollable on a narrow screen. */
export const table = (caption: string, headers: readonly string[], rows: readonly SafeHtml[]): SafeHtml =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}"><table>
<caption class="visually-hidden">${caption}</caption>
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div>`;
