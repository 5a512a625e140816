import type { ConsentRow, RestrictionRow } from '../../consents/index.ts';
import type { RecordedDisclosure } from '../../disclosures/ledger.ts';
import type { SubjectData, SubjectsData, SubjectSummary } from '../console-data.ts';
import { BarChart } from '../components/bar-chart.tsx';
import type { Page, View } from '../view.ts';
import { categoryLabel, consoleTabs, Empty, label, purposeLabel, table, when } from './console-common.tsx';

const subjectHref = (s: { type: string; id: string }) => `/console/subjects/${s.type}/${s.id}`;

function subjectTable(v: View, caption: string, rows: readonly SubjectSummary[]) {
  const { t } = v;
  if (rows.length === 0) return <Empty>{t('console.subjects.empty')}</Empty>;
  return table(caption, [t('console.subjects.name'), t('console.subjects.source'), t('console.subjects.added')],
    rows.map((s) => <tr><td><a href={subjectHref(s)}>{s.name}</a></td><td>{s.source}</td><td>{when(v, s.createdAt)}</td></tr>));
}

/** The tenant's Subscribers and Buyers, each a link to their page. */
export function subjectsPage(v: View, d: SubjectsData): Page {
  const { t } = v;
  return {
    title: t('console.subjects.title'),
    body: (
      <>
        {consoleTabs(v)}
        <section class="panel" aria-labelledby="subs-title">
          <h1>{t('console.subjects.title')}</h1>
          <p class="lead">{t('console.subjects.lead')}</p>
          <h2 id="subs-title">{t('console.subjects.subscribers')}</h2>
          {subjectTable(v, t('console.subjects.subscribers'), d.subscribers)}
          {d.subscribersNext && <p><a href={`/console/subjects?cursor=${encodeURIComponent(d.subscribersNext)}`}>{t('console.subjects.more')}</a></p>}
          <h2>{t('console.subjects.buyers')}</h2>
          {subjectTable(v, t('console.subjects.buyers'), d.buyers)}
        </section>
        <section class="panel" aria-labelledby="consents-chart-title">
          <h2 id="consents-chart-title">{t('console.chart.consents.title')}</h2>
          <BarChart id="consents-by-purpose" title={t('console.chart.consents.title')} description={t('console.chart.consents.desc')} unit={t('console.chart.consents.unit')}
            empty={t('console.chart.consents.empty')} bars={d.consentsByPurpose.map((c) => ({ label: purposeLabel(v, c.purpose), value: c.n }))} />
        </section>
      </>
    ),
  };
}

const stateBadge = (v: View, given: boolean) =>
  (given ? <span class="badge badge-ok">{v.t('console.consents.given')}</span> : <span class="badge badge-off">{v.t('console.consents.withdrawn')}</span>);

function scope(v: View, r: ConsentRow): string {
  const parts = [purposeLabel(v, r.purpose)];
  if (r.marketing) parts.push(v.t('console.consents.scopeMarketing'));
  if (r.disclosure) parts.push(v.t('console.consents.scopeDisclosure'));
  if (r.category) parts.push(r.category);
  return parts.join(' · ');
}

const noticeRef = (r: ConsentRow): string => (r.notice_slug ? `${r.notice_slug} v${r.notice_version} (${r.notice_lang})` : '—');

const proofLink = (v: View, r: ConsentRow) =>
  <a href={`/console/consents/${r.id}/proof`} aria-label={v.t('console.consents.proofOf', { when: when(v, r.recorded_at) })}>{v.t('console.consents.proof')}</a>;

function consentSections(v: View, d: SubjectData) {
  const { t } = v;
  const current = d.current.length === 0
    ? <Empty>{t('console.consents.empty')}</Empty>
    : table(t('console.consents.current'), [t('console.consents.purpose'), t('console.consents.state'), t('console.consents.when'), t('console.consents.notice'), ''],
      d.current.map((r) => <tr><td>{scope(v, r)}</td><td>{stateBadge(v, r.given)}</td><td>{when(v, r.recorded_at)}</td><td>{noticeRef(r)}</td><td>{proofLink(v, r)}</td></tr>));
  const history = d.history.length === 0
    ? <Empty>{t('console.consents.empty')}</Empty>
    : table(t('console.consents.history'),
      [t('console.consents.when'), t('console.consents.scope'), t('console.consents.state'), t('console.consents.method'), t('console.consents.notice'), t('console.proof.recordedBy'), ''],
      d.history.map((r) => (
        <tr data-record={r.id}><td>{when(v, r.recorded_at)}</td><td>{scope(v, r)}</td><td>{stateBadge(v, r.given)}</td>
          <td>{label(v, 'console.method', r.method)}</td><td>{noticeRef(r)}</td><td>{label(v, 'console.actor', r.recorded_by_type)}</td><td>{proofLink(v, r)}</td></tr>
      )));
  return (
    <>
      <section class="panel" aria-labelledby="current-title">
        <h2 id="current-title">{t('console.consents.current')}</h2>
        <p class="hint">{t('console.consents.currentLead')}</p>
        {current}
      </section>
      <section class="panel" aria-labelledby="history-title" id="consent-history">
        <h2 id="history-title">{t('console.consents.history')}</h2>
        <p class="hint">{t('console.consents.historyLead')}</p>
        {history}
      </section>
    </>
  );
}

function restrictionState(v: View, r: RestrictionRow) {
  if (!r.lifted_at) return <span class="badge badge-warn">{v.t('console.restrictions.active')}</span>;
  return r.lifted_by === 'legal_ground'
    ? v.t('console.restrictions.liftedByLaw', { ref: r.lift_reference ?? '', when: when(v, r.lifted_at) })
    : v.t('console.restrictions.liftedBySubject', { when: when(v, r.lifted_at) });
}

function restrictionSection(v: View, rows: readonly RestrictionRow[]) {
  const { t } = v;
  return (
    <section class="panel" aria-labelledby="restrictions-title">
      <h2 id="restrictions-title">{t('console.restrictions.title')}</h2>
      <p class="hint">{t('console.restrictions.lead')}</p>
      {rows.length === 0
        ? <Empty>{t('console.restrictions.empty')}</Empty>
        : table(t('console.restrictions.title'),
          [t('console.restrictions.kind'), t('console.consents.purpose'), t('console.restrictions.category'), t('console.restrictions.since'), t('console.consents.state')],
          rows.map((r) => (
            <tr><td>{label(v, 'console.restrictions', r.kind)}</td><td>{r.purpose ? purposeLabel(v, r.purpose) : t('console.restrictions.allPurposes')}</td>
              <td>{r.category ? categoryLabel(r.category) : t('console.restrictions.allData')}</td><td>{when(v, r.created_at)}</td><td>{restrictionState(v, r)}</td></tr>
          )))}
    </section>
  );
}

/** Ledger entries as a table: when, recipient, basis, reference, purpose, categories, people. */
export function disclosureTable(v: View, rows: readonly RecordedDisclosure[]) {
  const { t } = v;
  if (rows.length === 0) return <Empty>{t('console.disclosures.empty')}</Empty>;
  return table(t('console.disclosures.title'),
    [t('console.disclosures.when'), t('console.disclosures.recipient'), t('console.disclosures.basis'), t('console.disclosures.reference'),
      t('console.disclosures.purpose'), t('console.disclosures.categories'), t('console.disclosures.subjects')],
    rows.map(({ disclosure: d, subjects }) => (
      <tr data-disclosure={d.id}><td>{when(v, d.disclosed_at)}</td>
        <td>{d.recipient_name}<br /><span class="hint">{label(v, 'console.recipient', d.recipient_kind)}</span></td>
        <td>{label(v, 'console.basis', d.basis)}</td><td>{d.order_reference ?? '—'}</td><td>{purposeLabel(v, d.purpose)}</td>
        <td>{d.categories.map((c, i) => <>{i ? ', ' : ''}{categoryLabel(c)}</>)}</td><td>{subjects.length}</td></tr>
    )));
}

/** A Buyer's orders: what their contact data serves (C19). */
function ordersSection(v: View, d: SubjectData) {
  const { t } = v;
  const rows = d.orders ?? [];
  const money = (n: number, currency: string) => new Intl.NumberFormat(v.lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'currency', currency }).format(currency === 'USD' ? n / 100 : n);
  return (
    <section class="panel" aria-labelledby="orders-title" id="orders">
      <h2 id="orders-title">{t('ch.orders.title')}</h2>
      <p class="hint">{t('ch.orders.lead')}</p>
      {rows.length === 0 ? <Empty>{t('ch.orders.empty')}</Empty>
        : table(t('ch.orders.title'), [t('ch.orders.reference'), t('ch.orders.items'), t('ch.orders.total'), t('ch.orders.when')], rows.map((o) => (
          <tr data-order={o.id}><td>{o.reference ?? '—'}</td><td>{o.items}</td><td>{money(o.total, o.currency)}</td><td>{when(v, o.createdAt)}</td></tr>
        )))}
    </section>
  );
}

/**
 * One subject: consents in force and their full history, each with its printable proof;
 * restrictions and objections with their state; what was disclosed about them.
 * @clause C22 @clause C34
 */
export function subjectPage(v: View, d: SubjectData): Page {
  const { t } = v;
  const s = d.subject;
  return {
    title: s.name,
    body: (
      <>
        {consoleTabs(v)}
        <p><a href="/console/subjects">{t('console.subject.back')}</a></p>
        <section class="panel">
          <h1>{s.name}</h1>
          <dl class="facts">
            <div><dt>{t('console.subject.kind')}</dt><dd>{label(v, 'console.type', s.type)}</dd></div>
            <div><dt>{t('console.subjects.source')}</dt><dd>{s.source}</dd></div>
            {s.legalBasis && <div><dt>{t('console.subject.legalBasis')}</dt><dd>{s.legalBasis}</dd></div>}
            <div><dt>{t('console.subjects.added')}</dt><dd>{when(v, s.createdAt)}</dd></div>
            <div><dt>{t('console.subject.id')}</dt><dd><code>{s.id}</code></dd></div>
          </dl>
        </section>
        {d.orders && ordersSection(v, d)}
        {consentSections(v, d)}
        {restrictionSection(v, d.restrictions)}
        <section class="panel" aria-labelledby="disclosed-title">
          <h2 id="disclosed-title">{t('console.subjectDisclosures.title')}</h2>
          {disclosureTable(v, d.disclosures)}
          <p><a href={`/console/disclosures?subjectType=${s.type}&subjectId=${s.id}#record`}>{t('console.subjectDisclosures.record')}</a></p>
        </section>
      </>
    ),
  };
}
