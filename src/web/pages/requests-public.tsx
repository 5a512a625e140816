import type { Page, View } from '../view.ts';
import { PolicyNote } from './form-parts.tsx';
import { when } from './console-common.tsx';
import type { PublicStatus } from '../../dsr/intake.ts';
import { FORM_KINDS, requestText } from './requests-text.ts';
import { constraints, formSchemas } from '../form-fields.ts';

/**
 * The person's pages for their requests, in vi and en: the status page a code opens (what Meta's
 * callback and the form's confirmation point to), the confirmation page the e-mailed link
 * opens, and the shop's request form. Kinds, states and dates only: no one's data.
 * @clause C33
 */
export function requestStatusPage(v: View, items: readonly PublicStatus[]): Page {
  const r = requestText(v.lang);
  return {
    title: r('status.title'),
    body: (
      <section class="panel" aria-labelledby="rq-status-title">
        <h1 id="rq-status-title">{r('status.title')}</h1>
        <p class="lead">{r('status.lead')}</p>
        {items.length === 0 ? <p class="empty">{r('status.none')}</p> : (
          <table class="data" id="rq-status">
            <thead><tr><th scope="col">{r('col.kind')}</th><th scope="col">{r('col.state')}</th><th scope="col">{r('col.received')}</th><th scope="col">{r('col.due')}</th><th scope="col">{r('col.closed')}</th></tr></thead>
            <tbody>{items.map((s) => <tr data-state={s.state}><td>{r(`kind.${s.kind}` as never)}</td><td>{r(`state.${s.state}` as never)}</td><td>{when(v, s.receivedAt)}</td><td>{when(v, s.dueAt)}</td><td>{when(v, s.closedAt)}</td></tr>)}</tbody>
          </table>
        )}
      </section>
    ),
  };
}

export function requestConfirmPage(v: View): Page {
  const r = requestText(v.lang);
  return {
    title: r('confirm.title'),
    script: 'requests-public',
    body: (
      <section class="panel narrow" aria-labelledby="rq-confirm-title">
        <h1 id="rq-confirm-title">{r('confirm.title')}</h1>
        <p class="lead">{r('confirm.lead')}</p>
        <form id="rq-confirm" method="post" novalidate>
          <p class="form-error" role="alert" hidden></p>
          <button class="button" type="submit">{r('confirm.submit')}</button>
        </form>
        <p id="rq-confirmed" role="status" hidden>{r('confirm.done')} <a id="rq-follow" href="#">{r('confirm.follow')}</a></p>
      </section>
    ),
  };
}

export function requestFormPage(v: View, tenantId: string, shop: string): Page {
  const r = requestText(v.lang);
  return {
    title: r('form.title'),
    script: 'requests-public',
    body: (
      <section class="panel narrow" aria-labelledby="rq-form-title">
        <h1 id="rq-form-title">{r('form.title')}</h1>
        <p class="lead">{r('form.lead', { shop })}</p>
        <form id="rq-form" method="post" novalidate data-tenant={tenantId} data-lang={v.lang} {...formSchemas('RequestFormBody')}>
          <PolicyNote t={v.t} section={5} />
          <div class="field"><label for="rq-email">{r('form.email')}</label><input id="rq-email" name="email" type="email" autocomplete="email" {...constraints('RequestFormBody', 'email')} /></div>
          <div class="field"><label for="rq-kind">{r('form.kind')}</label><select id="rq-kind" name="kind">{FORM_KINDS.map((k) => <option value={k}>{r(`kind.${k}`)}</option>)}</select></div>
          <p class="form-error" role="alert" hidden></p>
          <button class="button" type="submit">{r('form.submit')}</button>
        </form>
        <p id="rq-sent" role="status" hidden>{r('form.sent')}</p>
      </section>
    ),
  };
}

/** The page a processor's mailed link opens (C35): one button, so a mail scanner's visit acknowledges nothing. Ids only. */
export function processorAckPage(v: View, m: { id: string; token: string; state: 'ask' | 'done' | 'bad' }): Page {
  const r = requestText(v.lang);
  return {
    title: r('pack.title'),
    body: (
      <section class="panel narrow" aria-labelledby="rq-pack-title">
        <h1 id="rq-pack-title">{r('pack.title')}</h1>
        {m.state === 'done' ? <p class="form-ok" role="status" id="rq-pack-done">{r('pack.done')}</p> : (
          <>
            <p class="lead">{r('pack.lead')}</p>
            {m.state === 'bad' && <p class="form-error" role="alert" id="rq-pack-bad">{r('pack.bad')}</p>}
            <form id="rq-pack" method="post" action={`/processor-acks/${encodeURIComponent(m.id)}`}>
              <input type="hidden" name="token" value={m.token} />
              <button class="button" type="submit">{r('pack.submit')}</button>
            </form>
          </>
        )}
      </section>
    ),
  };
}
