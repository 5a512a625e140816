import { CATEGORIES, DISCLOSURE_BASES, PURPOSE_KEYS } from '../../domain/taxonomy/index.ts';
import { PolicyNote } from './form-parts.tsx';
import { RECIPIENT_KINDS } from '../../disclosures/rules.ts';
import { DISCLOSABLE_SUBJECT_TYPES } from '../../disclosures/subjects.ts';
import { constraints, formSchemas } from '../form-fields.ts';
import type { DisclosuresData } from '../console-data.ts';
import type { Page, View } from '../view.ts';
import { consoleTabs, label, purposeLabel } from './console-common.tsx';
import { disclosureTable } from './console-subjects.tsx';

/**
 * The disclosure ledger and the form to record an entry. The form posts to /api/disclosures,
 * so a refusal (no basis, no consent, no agreement, no order reference) is the API's, audited.
 * @clause C03 @clause C04 @clause C27
 */
export function disclosuresPage(v: View, d: DisclosuresData, prefill: { subjectType?: string; subjectId?: string }): Page {
  const { t } = v;
  const processors = d.processors.filter((p) => p.processor.retired_at === null);
  return {
    title: t('console.disclosures.title'),
    script: 'console-disclosures',
    body: (
      <>
        {consoleTabs(v)}
        <section class="panel" aria-labelledby="ledger-title">
          <h1 id="ledger-title">{t('console.disclosures.title')}</h1>
          <p class="lead">{t('console.disclosures.lead')}</p>
          {disclosureTable(v, d.page.items)}
          {d.page.nextCursor && <p><a href={`/console/disclosures?cursor=${encodeURIComponent(d.page.nextCursor)}`}>{t('console.subjects.more')}</a></p>}
        </section>
        {disclosureForm(v, processors, prefill, false)}
      </>
    ),
  };
}

/** The form that records a ledger entry; staff also name the tenant and why they act on its data. */
export function disclosureForm(v: View, processors: DisclosuresData['processors'], prefill: { subjectType?: string; subjectId?: string }, staff: boolean) {
  const { t } = v;
  return (
    <section class="panel" aria-labelledby="record-title" id="record">
      <h2 id="record-title">{t('console.disclosures.form')}</h2>
      <form id="disclosure-form" method="post" novalidate {...(staff ? formSchemas('DisclosureCreate', 'StaffAccess') : formSchemas('DisclosureCreate'))}>
        <PolicyNote t={v.t} section={4} />
        {staff && <>
          <div class="field"><label for="tenantId">{t('console.staff.tenantId')}</label><input id="tenantId" name="tenantId" required autocomplete="off" spellcheck={false} /></div>
          <div class="field"><label for="accessReason">{t('console.staff.reason')}</label><input id="accessReason" name="accessReason" {...constraints('StaffAccess', 'accessReason')} aria-describedby="accessReason-hint" />
            <p class="hint" id="accessReason-hint">{t('console.staff.reasonHint')}</p></div>
        </>}
        <div class="field"><label for="recipientKind">{t('console.disclosures.recipientKind')}</label>
          <select id="recipientKind" name="recipientKind" {...constraints('DisclosureCreate', 'recipientKind')}>{RECIPIENT_KINDS.map((k) => <option value={k} selected={k === 'authority'}>{label(v, 'console.recipient', k)}</option>)}</select></div>
        <div class="field" data-for="processor"><label for="recipientId">{t('console.disclosures.processor')}</label>
          <select id="recipientId" name="recipientId" {...constraints('DisclosureCreate', 'recipientId')}><option value="">{t('console.disclosures.chooseProcessor')}</option>
            {processors.map((p) => <option value={p.processor.id}>{p.processor.name}</option>)}</select></div>
        <div class="field" data-for="named"><label for="recipientName">{t('console.disclosures.recipientName')}</label>
          <input id="recipientName" name="recipientName" {...constraints('DisclosureCreate', 'recipientName')} aria-describedby="recipientName-hint" />
          <p class="hint" id="recipientName-hint">{t('console.disclosures.recipientNameHint')}</p></div>
        <div class="field"><label for="basis">{t('console.disclosures.basis')}</label>
          <select id="basis" name="basis" {...constraints('DisclosureCreate', 'basis', { required: true })}><option value="">{t('console.disclosures.chooseBasis')}</option>
            {DISCLOSURE_BASES.map((b) => <option value={b}>{label(v, 'console.basis', b)}</option>)}</select></div>
        <div class="field"><label for="orderReference">{t('console.disclosures.referenceLabel')}</label>
          <input id="orderReference" name="orderReference" {...constraints('DisclosureCreate', 'orderReference')} aria-describedby="orderReference-hint" />
          <p class="hint" id="orderReference-hint">{t('console.disclosures.referenceHint')}</p></div>
        <div class="field"><label for="purpose">{t('console.disclosures.purpose')}</label>
          <select id="purpose" name="purpose" {...constraints('DisclosureCreate', 'purpose')}>{PURPOSE_KEYS.map((p) => <option value={p}>{purposeLabel(v, p)}</option>)}</select></div>
        <div class="field"><label for="categories">{t('console.disclosures.categories')}</label>
          <select id="categories" name="categories" multiple size={8} {...constraints('DisclosureCreate', 'categories')} aria-describedby="categories-hint">
            {CATEGORIES.map((c) => <option value={c.key}>{c.key} — {c.description}</option>)}</select>
          <p class="hint" id="categories-hint">{t('console.disclosures.categoriesHint')}</p></div>
        <div class="field"><label for="subjectType">{t('console.disclosures.subjectType')}</label>
          <select id="subjectType" name="subjectType">{DISCLOSABLE_SUBJECT_TYPES.map((s) => <option value={s} selected={s === (prefill.subjectType ?? 'subscriber')}>{label(v, 'console.type', s)}</option>)}</select></div>
        <div class="field"><label for="subjectId">{t('console.disclosures.subjectId')}</label>
          <input id="subjectId" name="subjectId" required value={prefill.subjectId ?? ''} aria-describedby="subjectId-hint" autocomplete="off" spellcheck={false} />
          <p class="hint" id="subjectId-hint">{t('console.disclosures.subjectIdHint')}</p></div>
        <p class="form-error" role="alert" hidden></p>
        <p class="form-ok" role="status" hidden>{t('console.disclosures.saved')}</p>
        <button class="button" type="submit">{t('console.disclosures.submit')}</button>
      </form>
    </section>
  );
}
