/**
 * Pieces every console page shares: the section tabs, dates in the reader's language and
 * Vietnam's time, labels for taxonomy keys and the one table. Pages are rendered on the server
 * from presenters' output the route read in the tenant's transaction; scripts only enhance.
 */
import type { Child } from 'hono/jsx';
import { findCategory, findPurpose } from '../../domain/taxonomy/index.ts';
import { dictionary, type MessageKey } from '../i18n/index.ts';
import type { View } from '../view.ts';

/** Sections the next issues fill: each has a page today that says what it will hold. */
export const COMING_SECTIONS = ['consents', 'retention', 'incidents'] as const;
export type ComingSection = (typeof COMING_SECTIONS)[number];

/** The console's sections in navigation order; a section a later issue fills keeps its place and path. */
export const CONSOLE_SECTIONS = [
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
export function consoleTabs(v: View) {
  return (
    <nav class="console-tabs no-print" aria-label={v.t('console.nav.label')}><ul>
      {CONSOLE_SECTIONS.map(([href, key]) => <li><a href={href} aria-current={v.url.pathname.startsWith(href) ? 'page' : undefined}>{v.t(key)}</a></li>)}
    </ul></nav>
  );
}

const ZONE = 'Asia/Ho_Chi_Minh';
const locale = (v: Pick<View, 'lang'>): string => (v.lang === 'vi' ? 'vi-VN' : 'en-GB');

// A formatter costs far more to build than to use: one per language and style, built once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(v: Pick<View, 'lang'>, kind: 'when' | 'day'): Intl.DateTimeFormat {
  const id = `${v.lang}:${kind}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(v), kind === 'when' ? { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE } : { dateStyle: 'medium', timeZone: 'UTC' });
    formatters.set(id, f);
  }
  return f;
}

/** A date and time as the reader reads it, in Vietnam's time zone (the shop's). */
export function when(v: Pick<View, 'lang'>, at: Date | string | null): string {
  if (at === null) return '';
  return formatter(v, 'when').format(new Date(at));
}

/** A date and time in Vietnam's time with the zone named, for pages a person outside Vietnam may read. */
export const whenWithZone = (v: Pick<View, 'lang' | 't'>, at: Date | string): string => `${when(v, at)} (${v.t('common.zone')})`;

/** A calendar date ('YYYY-MM-DD') as the reader reads it. */
export function day(v: Pick<View, 'lang'>, isoDay: string | null): string {
  if (isoDay === null) return '';
  return formatter(v, 'day').format(new Date(`${isoDay}T00:00:00Z`));
}

/** A purpose's name in the reader's language (the taxonomy holds both). */
export function purposeLabel(v: Pick<View, 'lang'>, key: string | null): string {
  const p = key === null ? undefined : findPurpose(key);
  if (!p) return key ?? '';
  return v.lang === 'vi' ? p.labelVi : p.label;
}

/** A category key with its description as its title: the key is the stable name. */
export const categoryLabel = (key: string) => <code title={findCategory(key)?.description ?? ''}>{key}</code>;

/** A message key built from a code the database constrains (a basis, a kind); unknown codes show as they are. */
export function label(v: View, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return key in dictionary(v.lang) ? v.t(key as MessageKey) : code;
}

/** A table with a caption for screen readers, scrollable on a narrow screen. */
export function table(caption: string, headers: readonly string[], rows: Child) {
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={caption}><table>
      <caption class="visually-hidden">{caption}</caption>
      <thead><tr>{headers.map((h) => <th scope="col">{h}</th>)}</tr></thead>
      <tbody>{rows}</tbody>
    </table></div>
  );
}

/** What a list shows when it has nothing yet. */
export const Empty = ({ children, ...rest }: { children: Child; [data: `data-${string}`]: string }) => <p class="empty" {...rest}>{children}</p>;
