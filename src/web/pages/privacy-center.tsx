import type { z } from 'zod';
import { PURPOSE_KEYS } from '../../domain/taxonomy/index.ts';
import type { CenterConsents, MeOut } from '../../routes/privacy-center/schema.ts';
import { constraints, formSchemas } from '../form-fields.ts';
import { requestText } from './requests-text.ts';
import { Panel } from '../components/panel.tsx';
import type { Page, View } from '../view.ts';
import { Empty, label, purposeLabel, table, whenWithZone } from './console-common.tsx';
import { FieldMessage, FormAlert, Hidden, invalidAttrs, type FormState, PolicyNote } from './form-parts.tsx';

type State = z.output<typeof CenterConsents>;
type Notice = State['notices'][number];

/** What the privacy center shows: the API's own answers (`/api/privacy-center/me`, `…/me/consents`) and the state of its forms. */
export type CenterModel = {
  tenantId: string | null;
  shop: string;
  base: string;
} & (
  | { mode: 'signin'; sent: boolean; form: FormState; linkError: string | null }
  | { mode: 'token'; token: string }
  | {
    mode: 'main'; me: z.output<typeof MeOut>; state: State; csrf: string; formKey: string;
    flash: string | null; flashError: string | null; offerError: { noticeId: string; message: string } | null; restrictForm: FormState;
  }
);

/** The latest version of each notice, preferring the page's language. */
export function offeredNotices(notices: readonly Notice[], lang: string): Notice[] {
  const latest = new Map<string, Notice>();
  for (const n of notices) {
    const k = `${n.slug}|${n.lang}`;
    const seen = latest.get(k);
    if (!seen || seen.version < n.version) latest.set(k, n);
  }
  const bySlug = new Map<string, Notice>();
  for (const n of latest.values()) if (!bySlug.has(n.slug) || n.lang === lang) bySlug.set(n.slug, n);
  return [...bySlug.values()];
}

const purposeOrAll = (v: View, p: string | null) => (p ? purposeLabel(v, p) : v.t('pc.restrict.all'));

function SignIn({ v, m }: { v: View; m: CenterModel & { mode: 'signin' } }) {
  const { t } = v;
  return (
    <section class="panel narrow" id="pc-signin" aria-labelledby="pc-signin-title">
      <h1 id="pc-signin-title">{t('pc.title')}</h1>
      <p class="lead">{t('pc.signin.lead', { shop: m.shop })}</p>
      <form id="pc-signin-form" method="post" action={`${m.base}/sign-in`} novalidate {...formSchemas('CenterSignInBody')}>
        <PolicyNote t={v.t} section={5} />
        <div class="field"><label for="pc-email">{t('pc.signin.email')}</label>
          <input id="pc-email" name="email" type="email" autocomplete="email" value={m.form.values.email ?? ''} {...constraints('CenterSignInBody', 'email')} {...invalidAttrs(m.form, 'email', 'pc-email')} />
          <FieldMessage v={v} s={m.form} name="email" id="pc-email" /></div>
        {m.linkError ? <p class="form-error" role="alert">{m.linkError}</p> : <FormAlert v={v} s={m.form} labels={{ email: t('pc.signin.email') }} />}
        <button class="button" type="submit">{t('pc.signin.submit')}</button>
      </form>
      <div id="pc-sent" role="status" hidden={!m.sent}><p>{t('pc.signin.sent')}</p>
        {v.devMailbox && <p><a href="/dev/mailbox">{t('nav.mailbox')}</a> — {t('pc.signin.dev')}</p>}</div>
    </section>
  );
}

/** The e-mailed link: the token is spent by a POST (the script sends it at once), so a link prefetcher cannot use it up. */
function Continue({ v, m }: { v: View; m: CenterModel & { mode: 'token' } }) {
  return (
    <section class="panel narrow" aria-labelledby="pc-token-title">
      <h1 id="pc-token-title">{v.t('pc.title')}</h1>
      <p id="pc-status" role="status">{v.t('pc.signin.working')}</p>
      <form id="pc-session-form" method="post" action={`${m.base}/session`}>
        <input type="hidden" name="token" value={m.token} />
        <button class="button" type="submit">{v.t('common.noscriptContinue')}</button>
      </form>
    </section>
  );
}

function Current({ v, m }: { v: View; m: CenterModel & { mode: 'main' } }) {
  const { t } = v;
  const given = m.state.current.filter((c) => c.given);
  if (given.length === 0) return <Empty>{t('pc.current.empty')}</Empty>;
  const byId = new Map(m.state.notices.map((n) => [n.id, n]));
  return (
    <ul class="consent-list">{given.map((c) => {
      const n = c.notice ? byId.get(c.notice.id) : undefined;
      return (
        <li class="consent" data-purpose={c.purpose}>
          <h3>{purposeLabel(v, c.purpose)}{c.marketing && <span class="badge">{t('pc.marketing')}</span>}</h3>
          <p class="meta">{t('pc.current.since', { when: whenWithZone(v, c.recordedAt) })}</p>
          {n && <figure><figcaption>{t('pc.current.noticeShown', { version: n.version })}</figcaption><blockquote lang={n.lang}>{n.wording}</blockquote></figure>}
          {/* One click, as easy as giving: no confirmation step. */}
          <form method="post" action={`${m.base}/consents`} class="withdraw-form">
            <Hidden csrf={m.csrf} formKey={`${m.formKey}-w-${c.purpose}`} />
            <input type="hidden" name="purpose" value={c.purpose} /><input type="hidden" name="given" value="false" />
            <button type="submit" class="button button-small" aria-label={`${t('pc.withdraw')}: ${purposeLabel(v, c.purpose)}`}>{t('pc.withdraw')}</button>
          </form>
        </li>
      );
    })}</ul>
  );
}

function Offers({ v, m }: { v: View; m: CenterModel & { mode: 'main' } }) {
  const { t } = v;
  const givenNow = new Set(m.state.current.filter((c) => c.given).map((c) => c.purpose));
  const offers = offeredNotices(m.state.notices, v.lang).filter((n) => n.purposes.some((p) => !givenNow.has(p)));
  if (offers.length === 0) return <Empty>{t('pc.offer.empty')}</Empty>;
  return (
    <>{offers.map((n) => {
      const id = `pc-offer-${n.id}`;
      const error = m.offerError?.noticeId === n.id ? m.offerError.message : null;
      return (
        // Never pre-ticked: the box starts empty and only the person's tick sends `agree`.
        <form class="offer" data-notice={n.id} method="post" action={`${m.base}/consents`} novalidate>
          <Hidden csrf={m.csrf} formKey={`${m.formKey}-g-${n.id}`} />
          <input type="hidden" name="noticeId" value={n.id} /><input type="hidden" name="given" value="true" />
          <div class="check"><input type="checkbox" id={id} name="agree" /><label for={id} lang={n.lang}>{n.wording}</label></div>
          <p class="meta">{n.purposes.map((p) => purposeLabel(v, p)).join(', ')}{n.marketing && ` · ${t('pc.marketing')}`}</p>
          {error ? <p class="form-error" role="alert">{error}</p> : <p class="form-error" role="alert" hidden></p>}
          <button type="submit" class="button button-small">{t('pc.offer.agree')}</button>
        </form>
      );
    })}</>
  );
}

function Restrictions({ v, m }: { v: View; m: CenterModel & { mode: 'main' } }) {
  const { t } = v;
  if (m.state.restrictions.length === 0) return <Empty>{t('pc.restrict.empty')}</Empty>;
  return (
    <ul class="restriction-list">{m.state.restrictions.map((r) => (
      <li data-restriction={r.id}>
        <strong>{t(`pc.restrict.kind.${r.kind}`)}</strong> · {purposeOrAll(v, r.purpose)} · {whenWithZone(v, r.createdAt)} ·{' '}
        {r.active
          ? <><span class="badge badge-ok">{t('pc.restrict.active')}</span>{' '}
            <form method="post" action={`${m.base}/restrictions/${r.id}/lift`} class="lift-form"><Hidden csrf={m.csrf} />
              <button type="submit" class="button button-quiet button-small" aria-label={`${t('pc.restrict.lift')}: ${t(`pc.restrict.kind.${r.kind}`)} · ${purposeOrAll(v, r.purpose)}`}>{t('pc.restrict.lift')}</button></form></>
          : <span class="badge">{t(r.lifted?.by === 'legal_ground' ? 'pc.restrict.liftedBy.legal_ground' : 'pc.restrict.liftedBy.subject', { reference: r.lifted?.reference ?? '' })}</span>}
      </li>
    ))}</ul>
  );
}

function History({ v, m }: { v: View; m: CenterModel & { mode: 'main' } }) {
  const { t } = v;
  if (m.state.history.length === 0) return <Empty>{t('pc.history.empty')}</Empty>;
  return table(t('pc.history.title'), [t('pc.history.when'), t('pc.history.purpose'), t('pc.history.action'), t('pc.history.method')],
    m.state.history.map((c) => <tr><td>{whenWithZone(v, c.recordedAt)}</td><td>{purposeLabel(v, c.purpose)}</td><td>{c.given ? t('pc.history.given') : t('pc.history.withdrawn')}</td><td>{label(v, 'method', c.method)}</td></tr>));
}

function Main({ v, m }: { v: View; m: CenterModel & { mode: 'main' } }) {
  const { t } = v;
  const rs = m.restrictForm;
  return (
    <div id="pc-main">
      <section class="panel" aria-labelledby="pc-title">
        <h1 id="pc-title">{t('pc.title')}</h1>
        <p class="lead" id="pc-lead">{m.me.as === 'customer' ? t('pc.leadCustomer') : t('pc.lead', { shop: m.me.shop ?? m.shop })}</p>
        <p class="form-ok" role="status" id="pc-ok" hidden={!m.flash}>{m.flash ?? ''}</p>
        <p class="form-error" role="alert" id="pc-error" hidden={!m.flashError}>{m.flashError ?? ''}</p>
        <p><a id="pc-my-requests" href={`${m.base}/my-requests`}>{requestText(v.lang)('mine.link')}</a></p>
        {m.me.as === 'subject' && (
          <form method="post" action={`${m.base}/sign-out`}><Hidden csrf={m.csrf} />
            <button type="submit" class="button button-quiet button-small" id="pc-signout">{t('pc.signout')}</button></form>
        )}
      </section>
      <Panel titleId="pc-current-title" title={t('pc.current.title')}>
        <div id="pc-current"><Current v={v} m={m} /></div>
      </Panel>
      <Panel titleId="pc-offer-title" title={t('pc.offer.title')} hint={t('pc.offer.lead')}>
        <div id="pc-offers"><Offers v={v} m={m} /></div>
      </Panel>
      <Panel titleId="pc-restrict-title" title={t('pc.restrict.title')} hint={t('pc.restrict.lead')}>
        <form id="pc-restrict-form" method="post" action={`${m.base}/restrictions`} class="inline-form" novalidate {...formSchemas('CenterRestrictionBody')}>
          <PolicyNote t={v.t} section={5} />
          <Hidden csrf={m.csrf} formKey={`${m.formKey}-r`} />
          <div class="field"><label for="pc-kind">{t('pc.restrict.kind')}</label>
            <select id="pc-kind" name="kind" {...constraints('CenterRestrictionBody', 'kind')} {...invalidAttrs(rs, 'kind', 'pc-kind')}>
              {(['restriction', 'objection'] as const).map((k) => <option value={k} selected={rs.values.kind === k}>{t(`pc.restrict.kind.${k}`)}</option>)}</select>
            <FieldMessage v={v} s={rs} name="kind" id="pc-kind" /></div>
          <div class="field"><label for="pc-purpose">{t('pc.restrict.purpose')}</label>
            <select id="pc-purpose" name="purpose" {...constraints('CenterRestrictionBody', 'purpose')} {...invalidAttrs(rs, 'purpose', 'pc-purpose')}><option value="">{t('pc.restrict.all')}</option>
              {PURPOSE_KEYS.map((p) => <option value={p} selected={rs.values.purpose === p}>{purposeLabel(v, p)}</option>)}</select>
            <FieldMessage v={v} s={rs} name="purpose" id="pc-purpose" /></div>
          <button class="button" type="submit">{t('pc.restrict.submit')}</button>
          <FormAlert v={v} s={rs} labels={{ kind: t('pc.restrict.kind'), purpose: t('pc.restrict.purpose') }} />
        </form>
        <div id="pc-restrictions"><Restrictions v={v} m={m} /></div>
      </Panel>
      <Panel titleId="pc-history-title" title={t('pc.history.title')}>
        <div id="pc-history"><History v={v} m={m} /></div>
      </Panel>
    </div>
  );
}

/**
 * The privacy center, rendered on the server from the API's answers: for a shop's Subscribers
 * and Buyers (`tenantId` given: sign in by e-mail link) or for a signed-in Customer (their
 * consents to ECOMKEY). Every form posts without JavaScript; nothing is ticked by default.
 * @clause C22 withdrawing is one click, as easy as giving. @clause C34 restrict, object, lift one's own.
 */
export function privacyCenterPage(v: View, m: CenterModel): Page {
  return {
    title: v.t('pc.title'),
    script: 'privacy-center',
    body: (
      <div id="pc" data-tenant={m.tenantId ?? ''}>
        {m.mode === 'signin' && <SignIn v={v} m={m} />}
        {m.mode === 'token' && <Continue v={v} m={m} />}
        {m.mode === 'main' && <Main v={v} m={m} />}
      </div>
    ),
  };
}
