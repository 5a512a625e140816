import { CATEGORIES, PURPOSE_KEYS } from '../../domain/taxonomy/index.ts';
import { PolicyNote } from './form-parts.tsx';
import type { ProcessorWithAgreements } from '../../disclosures/processors.ts';
import { PROCESSOR_KINDS } from '../../disclosures/rules.ts';
import { presentAgreement } from '../../routes/processors/presenter.ts';
import { constraints, formSchemas } from '../form-fields.ts';
import type { Page, View } from '../view.ts';
import { categoryLabel, consoleTabs, day, Empty, label, purposeLabel, table } from './console-common.tsx';

function agreements(v: View, p: ProcessorWithAgreements) {
  const { t } = v;
  const shown = p.agreements.map((a) => presentAgreement(a));
  const none = shown.every((a) => !a.inForce) && <p class="form-error" data-no-agreement>{t('console.processors.noAgreement')}</p>;
  if (shown.length === 0) return none;
  return (
    <>
      {none}
      {table(`${t('console.agreement.document')}: ${p.processor.name}`,
        [t('console.agreement.document'), t('console.agreement.effective'), t('console.agreement.expires'), t('console.agreement.categories'), t('console.agreement.purposes'), t('console.agreement.retention'), t('console.consents.state')],
        shown.map((a) => (
          <tr><td>{a.documentRef}<br /><span class="hint">{t('console.agreement.signed')}: {day(v, a.signedAt)}</span></td>
            <td>{day(v, a.effectiveFrom)}</td><td>{a.expiresAt ? day(v, a.expiresAt) : t('console.agreement.noExpiry')}</td>
            <td>{a.categories.map((c, i) => <>{i ? ', ' : ''}{categoryLabel(c)}</>)}</td><td>{a.purposes.map((k) => purposeLabel(v, k)).join(', ')}</td>
            <td>{a.retention}</td><td>{a.inForce ? <span class="badge badge-ok">{t('console.agreement.inForce')}</span> : <span class="badge badge-off">{t('console.agreement.notInForce')}</span>}</td></tr>
        )))}
    </>
  );
}

function agreementForm(v: View, id: string, base: string) {
  const { t } = v;
  const f = (name: string) => `${name}-${id}`;
  return (
    <details class="agreement-form"><summary>{t('console.processors.addAgreement')}</summary>
      <form method="post" data-agreement={id} data-base={base} novalidate {...formSchemas('AgreementCreate')}>
        <PolicyNote t={v.t} section={4} />
        <div class="inline-form">
          <div class="field"><label for={f('signedAt')}>{t('console.agreement.signed')}</label><input type="date" id={f('signedAt')} name="signedAt" {...constraints('AgreementCreate', 'signedAt')} /></div>
          <div class="field"><label for={f('effectiveFrom')}>{t('console.agreement.effective')}</label><input type="date" id={f('effectiveFrom')} name="effectiveFrom" {...constraints('AgreementCreate', 'effectiveFrom')} /></div>
          <div class="field"><label for={f('expiresAt')}>{t('console.agreement.expires')} <span class="hint">({t('common.optional')})</span></label><input type="date" id={f('expiresAt')} name="expiresAt" {...constraints('AgreementCreate', 'expiresAt')} /></div>
        </div>
        <div class="field"><label for={f('categories')}>{t('console.agreement.categories')}</label>
          <select id={f('categories')} name="categories" multiple size={6} {...constraints('AgreementCreate', 'categories')}>{CATEGORIES.map((c) => <option value={c.key}>{c.key} — {c.description}</option>)}</select>
          <p class="hint">{t('console.disclosures.categoriesHint')}</p></div>
        <div class="field"><label for={f('purposes')}>{t('console.agreement.purposes')}</label>
          <select id={f('purposes')} name="purposes" multiple size={4} {...constraints('AgreementCreate', 'purposes')}>{PURPOSE_KEYS.map((k) => <option value={k}>{purposeLabel(v, k)}</option>)}</select></div>
        <div class="inline-form">
          <div class="field"><label for={f('retention')}>{t('console.agreement.retention')}</label><input id={f('retention')} name="retention" {...constraints('AgreementCreate', 'retention')} /></div>
          <div class="field"><label for={f('retentionDays')}>{t('console.agreement.retentionDays')}</label><input type="number" id={f('retentionDays')} name="retentionDays" {...constraints('AgreementCreate', 'retentionDays')} /></div>
          <div class="field"><label for={f('documentRef')}>{t('console.agreement.document')}</label><input id={f('documentRef')} name="documentRef" {...constraints('AgreementCreate', 'documentRef')} /></div>
        </div>
        <div class="check"><input type="checkbox" id={f('binds')} name="bindsToPolicy" value="true" /><label for={f('binds')}>{t('console.agreement.binds')}</label></div>
        <p class="form-error" role="alert" hidden></p>
        <button class="button" type="submit">{t('console.agreement.submit')}</button>
      </form></details>
  );
}

/** A provider with its agreements; `base` is the API path its agreement form posts under (the merchant's or staff's). */
export function processorCard(v: View, p: ProcessorWithAgreements, base = '/api/processors', editable = p.processor.tenant_id !== null) {
  const { t } = v;
  const own = p.processor.tenant_id !== null;
  return (
    <li class="processor" data-processor={p.processor.id}>
      <h3>{p.processor.name} <span class="badge">{own ? t('console.processors.tenant') : t('console.processors.platform')}</span></h3>
      <p class="meta">{label(v, 'console.kind', p.processor.kind)}{p.processor.contact && ` · ${p.processor.contact}`}</p>
      {agreements(v, p)}
      {editable && agreementForm(v, p.processor.id, base)}
    </li>
  );
}

/** The providers the shop may send data to, each with its agreements, and the forms to add them. @clause C26 */
export function processorsPage(v: View, list: readonly ProcessorWithAgreements[]): Page {
  const { t } = v;
  return {
    title: t('console.processors.title'),
    script: 'console-processors',
    body: (
      <>
        {consoleTabs(v)}
        <section class="panel" aria-labelledby="processors-title">
          <h1 id="processors-title">{t('console.processors.title')}</h1>
          <p class="lead">{t('console.processors.lead')}</p>
          {list.length === 0 ? <Empty>{t('console.processors.empty')}</Empty> : <ul class="processor-list">{list.map((p) => processorCard(v, p))}</ul>}
        </section>
        {registerForm(v, '/api/processors')}
      </>
    ),
  };
}

/** Registers a provider: the merchant's own (`/api/processors`) or, for staff, ECOMKEY's. */
export function registerForm(v: View, post: string) {
  const { t } = v;
  return (
    <section class="panel" aria-labelledby="register-title">
      <h2 id="register-title">{t('console.processors.register')}</h2>
      <form id="processor-form" method="post" data-post={post} novalidate {...formSchemas('ProcessorCreate')}>
        <PolicyNote t={v.t} section={4} />
        <div class="field"><label for="p-name">{t('console.processors.name')}</label><input id="p-name" name="name" {...constraints('ProcessorCreate', 'name')} autocomplete="organization" /></div>
        <div class="field"><label for="p-kind">{t('console.processors.kind')}</label>
          <select id="p-kind" name="kind" {...constraints('ProcessorCreate', 'kind')}>{PROCESSOR_KINDS.map((k) => <option value={k}>{label(v, 'console.kind', k)}</option>)}</select></div>
        <div class="field"><label for="p-contact">{t('console.processors.contact')} <span class="hint">({t('common.optional')})</span></label>
          <input id="p-contact" name="contact" {...constraints('ProcessorCreate', 'contact')} aria-describedby="p-contact-hint" /><p class="hint" id="p-contact-hint">{t('console.processors.contactHint')}</p></div>
        <p class="form-error" role="alert" hidden></p>
        <button class="button" type="submit">{t('console.processors.registerSubmit')}</button>
      </form>
    </section>
  );
}
