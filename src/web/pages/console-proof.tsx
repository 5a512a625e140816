import type { ProofData } from '../console-data.ts';
import type { Page, View } from '../view.ts';
import { label, purposeLabel, when } from './console-common.tsx';

/**
 * A printable proof of one consent record: who, what purpose and scope, how and when, and
 * the exact words of the notice the person saw, with the hash that ties those words to the
 * record. Print styles drop the site's chrome so the page prints as a document.
 * @clause C22 Printable proof of any consent: the record with the text the person saw.
 */
export function proofPage(v: View, p: ProofData, printedAt: Date): Page {
  const { t } = v;
  const r = p.record;
  const n = p.notice;
  const subjectHref = `/console/subjects/${r.subject_type}/${r.subject_id}`;
  const scope = [r.marketing ? t('console.consents.scopeMarketing') : '', r.disclosure ? t('console.consents.scopeDisclosure') : '', r.category ?? '']
    .filter(Boolean).join(' · ');
  return {
    title: `${t('console.proof.title')} ${r.id}`,
    script: 'console-proof',
    body: (
      <article class="panel proof-doc" aria-labelledby="proof-title">
        <p class="no-print proof-tools"><a href={subjectHref}>{t('console.proof.back')}</a>{' '}
          <button type="button" class="button" data-print>{t('console.proof.print')}</button></p>
        <h1 id="proof-title">{t('console.proof.title')}</h1>
        <p class="lead">{t('console.proof.lead')}</p>
        <dl class="proof-facts">
          <dt>{t('console.proof.record')}</dt><dd><code>{r.id}</code></dd>
          <dt>{t('console.proof.shop')}</dt><dd>{p.tenantName}</dd>
          <dt>{t('console.proof.subject')}</dt><dd>{p.subject?.name ?? ''} ({label(v, 'console.type', r.subject_type)}, <code>{r.subject_id}</code>)</dd>
          <dt>{t('console.consents.purpose')}</dt><dd>{purposeLabel(v, r.purpose)} <code>{r.purpose}</code>{scope && ` · ${scope}`}</dd>
          <dt>{t('console.consents.state')}</dt><dd data-state>{r.given ? t('console.consents.given') : t('console.consents.withdrawn')}</dd>
          <dt>{t('console.consents.when')}</dt><dd>{when(v, r.recorded_at)} <span class="hint">({new Date(r.recorded_at).toISOString()})</span></dd>
          <dt>{t('console.consents.method')}</dt><dd>{label(v, 'console.method', r.method)}</dd>
          <dt>{t('console.proof.recordedBy')}</dt><dd>{label(v, 'console.actor', r.recorded_by_type)}</dd>
          {r.evidence && <><dt>{t('console.proof.evidence')}</dt><dd>{r.evidence}</dd></>}
        </dl>
        <h2>{t('console.proof.noticeText')}</h2>
        {n
          ? <>
            <p class="meta">{t('console.proof.noticeRef', { slug: n.slug, version: n.version, lang: n.lang })}</p>
            <blockquote class="notice-text" lang={n.lang} data-notice-text>{n.wording}</blockquote>
            <p class="meta">{t('console.proof.hash')}: <code data-hash>{n.content_hash}</code></p>
            <p class={p.intact ? 'proof-ok' : 'form-error'} data-intact={p.intact ? 'true' : 'false'}>{p.intact ? t('console.proof.intact') : t('console.proof.broken')}</p>
          </>
          : <p class="hint">{t('console.proof.noNotice')}</p>}
        <p class="fineprint">{t('console.proof.printedAt', { when: when(v, printedAt) })}</p>
      </article>
    ),
  };
}
