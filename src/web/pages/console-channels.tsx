/**
 * The console's channel pages: connected channels (secrets shown once), a channel's
 * Subscribers with opt-in source and state, one Subscriber's opt history, tags and fields,
 * their conversation, the CSV import and the marketing lists. Server-rendered; every form posts
 * without JavaScript to a page route that forwards it to the JSON API (page-forms.ts).
 * @clause C10 @clause C11 @clause C19
 */
import type { z } from 'zod';
import type { ChannelCreated, ChannelOut } from '../../routes/channels/schema.ts';
import type { ChannelSubscriber, ChannelSubscriberData, ChannelSubscribersData, ChannelWithCount, ConversationData, ListSummary } from '../channel-data.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Page, View } from '../view.ts';
import { consoleTabs, Empty, label, table, when } from './console-common.tsx';
import { FormAlert, Hidden, PolicyNote, type FormState } from './form-parts.tsx';

/** What connecting or rotating answered: the secrets Pledge made, shown this once. */
export type MadeSecrets = z.infer<typeof ChannelCreated>;

const platformName = (v: View, p: string) => label(v, 'ch.platform', p);
const channelName = (v: View, c: Pick<ChannelOut, 'platform' | 'label' | 'platformAccount'>) => `${platformName(v, c.platform)} · ${c.label || c.platformAccount}`;

const stateBadge = (v: View, s: ChannelSubscriber['state']) =>
  <span class={s === 'opted_out' ? 'badge badge-off' : 'badge badge-ok'} data-opt-state={s}>{v.t(`ch.state.${s}`)}</span>;

function secretsShown(v: View, made: MadeSecrets) {
  const { t } = v;
  return (
    <section class="panel" aria-labelledby="secrets-title" data-secrets-once>
      <h2 id="secrets-title">{t('ch.shownOnce')}</h2>
      <dl class="facts">
        <div><dt>{t('ch.webhook')}</dt><dd><code>{made.webhookUrl}</code></dd></div>
        {made.secrets.verifyToken && <div><dt>{t('ch.verifyToken')}</dt><dd><code data-secret="verifyToken">{made.secrets.verifyToken}</code></dd></div>}
        {made.secrets.secretToken && <div><dt>{t('ch.secretToken')}</dt><dd><code data-secret="secretToken">{made.secrets.secretToken}</code></dd></div>}
      </dl>
      {made.telegramWebhook && <p class="hint">{made.telegramWebhook === 'set' ? t('ch.webhookSet') : t('ch.webhookNotSet')}</p>}
    </section>
  );
}

const secretField = (v: View, id: string, name: string, key: MessageKey) => (
  <div class="field"><label for={id}>{v.t(key)} <span class="hint">({v.t('common.optional')})</span></label>
    <input id={id} name={name} type="password" autocomplete="off" maxlength={512} aria-describedby={`${id}-hint`} /><p class="hint" id={`${id}-hint`}>{v.t('ch.secretHint')}</p></div>
);

function connectForm(v: View, csrf: string, s: FormState) {
  const { t } = v;
  return (
    <section class="panel" aria-labelledby="connect-title">
      <h2 id="connect-title">{t('ch.connect')}</h2>
      <form method="post" action="/console/channels" id="connect-form">
        <Hidden csrf={csrf} />
        <PolicyNote t={t} section={3} />
        <FormAlert v={v} s={s} />
        <div class="field"><label for="c-platform">{t('ch.platform')}</label>
          <select id="c-platform" name="platform" required>{(['telegram', 'zalo', 'messenger'] as const).map((p) => <option value={p} selected={s.values.platform === p}>{platformName(v, p)}</option>)}</select></div>
        <div class="field"><label for="c-account">{t('ch.account')}</label><input id="c-account" name="platformAccount" required maxlength={100} value={s.values.platformAccount ?? ''} /></div>
        <div class="field"><label for="c-label">{t('ch.label')} <span class="hint">({t('common.optional')})</span></label><input id="c-label" name="label" maxlength={120} value={s.values.label ?? ''} /></div>
        {secretField(v, 'c-token', 'accessToken', 'ch.accessToken')}
        {secretField(v, 'c-app-secret', 'appSecret', 'ch.appSecret')}
        {secretField(v, 'c-oa-secret', 'oaSecretKey', 'ch.oaSecretKey')}
        <div class="field"><label for="c-app-ref">{t('ch.appRef')} <span class="hint">({t('common.optional')})</span></label><input id="c-app-ref" name="appRef" maxlength={100} value={s.values.appRef ?? ''} /></div>
        <button class="button" type="submit">{t('ch.connectSubmit')}</button>
      </form>
    </section>
  );
}

function rotateForm(v: View, csrf: string, c: ChannelOut) {
  const { t } = v;
  const f = (n: string) => `${n}-${c.id}`;
  return (
    <details><summary>{t('ch.rotate')}</summary>
      <form method="post" action={`/console/channels/${c.id}/rotate`} data-rotate={c.id}>
        <Hidden csrf={csrf} />
        <PolicyNote t={t} section={3} />
        <p class="hint">{t('ch.rotateHint')}</p>
        {secretField(v, f('r-token'), 'accessToken', 'ch.accessToken')}
        {c.platform === 'messenger' && secretField(v, f('r-app-secret'), 'appSecret', 'ch.appSecret')}
        {c.platform === 'zalo' && secretField(v, f('r-oa-secret'), 'oaSecretKey', 'ch.oaSecretKey')}
        <button class="button" type="submit">{t('ch.rotateSubmit')}</button>
      </form>
    </details>
  );
}

export type ChannelsPageData = { channels: ChannelWithCount[]; csrf: string; made?: MadeSecrets; form: FormState };

/** The shop's channel accounts, the secrets just made (once), and the connect form. */
export function channelsPage(v: View, d: ChannelsPageData): Page {
  const { t } = v;
  return {
    title: t('ch.title'),
    body: (
      <>
        {consoleTabs(v)}
        {d.made && secretsShown(v, d.made)}
        <section class="panel" aria-labelledby="channels-title">
          <h1 id="channels-title">{t('ch.title')}</h1>
          <p class="lead">{t('ch.lead')}</p>
          <p><a href="/console/channels/lists">{t('ch.lists')}</a></p>
          {d.channels.length === 0 ? <Empty>{t('ch.empty')}</Empty> : (
            <ul class="processor-list">{d.channels.map((c) => (
              <li class="processor" data-channel={c.id}>
                <h2>{channelName(v, c)}</h2>
                <dl class="facts">
                  <div><dt>{t('ch.account')}</dt><dd><code>{c.platformAccount}</code></dd></div>
                  <div><dt>{t('ch.webhook')}</dt><dd><code>{c.webhookUrl}</code></dd></div>
                  <div><dt>{t('ch.created')}</dt><dd>{when(v, c.createdAt)}</dd></div>
                  <div><dt>{t('ch.rotated')}</dt><dd>{c.rotatedAt ? when(v, c.rotatedAt) : t('ch.never')}</dd></div>
                  <div><dt>{t('ch.subscribers')}</dt><dd>{c.subscribers}</dd></div>
                </dl>
                <p><a href={`/console/channels/${c.id}/subscribers`}>{t('ch.viewSubscribers')}</a></p>
                {rotateForm(v, d.csrf, c)}
              </li>
            ))}</ul>
          )}
        </section>
        {connectForm(v, d.csrf, d.form)}
      </>
    ),
  };
}

const optInLabel = (v: View, s: string | null) => (s ? label(v, 'ch.optin', s) : '—');

export type ImportResult = { imported?: number; problems?: { row: number; field: string; code: string }[] };

function importForm(v: View, csrf: string, channelId: string, s: FormState, result: ImportResult | undefined) {
  const { t } = v;
  return (
    <section class="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('ch.import.title')}</h2>
      <p class="hint">{t('ch.import.lead')}</p>
      {result?.imported !== undefined && <p class="notice" role="status" data-imported={String(result.imported)}>{t('ch.import.done', { n: result.imported })}</p>}
      <form method="post" action={`/console/channels/${channelId}/import`} id="import-form">
        <Hidden csrf={csrf} />
        <PolicyNote t={t} section={1} />
        <FormAlert v={v} s={s} />
        {result?.problems && <ul class="field-error">{result.problems.map((p) => <li>{t('ch.import.rows', { row: p.row, field: p.field, code: p.code })}</li>)}</ul>}
        <div class="field"><label for="i-basis">{t('ch.import.basis')}</label>
          <select id="i-basis" name="legalBasis">{(['consent', 'contract', 'legitimate_interest'] as const).map((b) => <option value={b}>{t(`ch.basis.${b}`)}</option>)}</select></div>
        <div class="field"><label for="i-csv">{t('ch.import.csv')}</label><textarea id="i-csv" name="csv" rows={6} required>{s.values.csv ?? 'display_name,phone,email\n'}</textarea></div>
        <button class="button" type="submit">{t('ch.import.submit')}</button>
      </form>
    </section>
  );
}

/** One channel's Subscribers, a page at a time, with the import form. */
export function channelSubscribersPage(v: View, d: ChannelSubscribersData & { csrf: string; form: FormState; result?: ImportResult }): Page {
  const { t } = v;
  const title = t('ch.subs.title', { channel: channelName(v, d.channel) });
  return {
    title,
    body: (
      <>
        {consoleTabs(v)}
        <p><a href="/console/channels">{t('ch.back')}</a></p>
        <section class="panel" aria-labelledby="subs-title">
          <h1 id="subs-title">{title}</h1>
          <p class="lead">{t('ch.subs.lead')}</p>
          {d.rows.length === 0 ? <Empty>{t('ch.subs.empty')}</Empty>
            : table(title, [t('ch.subs.name'), t('ch.subs.source'), t('ch.subs.state'), t('ch.subs.since')], d.rows.map((s) => (
              <tr data-subscriber={s.id}><td><a href={`/console/subscribers/${s.id}`}>{s.name}</a></td><td data-opt-in>{optInLabel(v, s.optInSource)}</td>
                <td>{stateBadge(v, s.state)}</td><td>{when(v, s.optInAt ?? s.createdAt)}</td></tr>
            )))}
          {d.next && <p><a href={`/console/channels/${d.channel.id}/subscribers?cursor=${encodeURIComponent(d.next)}`}>{t('ch.subs.more')}</a></p>}
        </section>
        {importForm(v, d.csrf, d.channel.id, d.form, d.result)}
      </>
    ),
  };
}

/** A refused import, re-rendered with the rows' problems: the form post reads no Subscriber, so the page shows the form alone. */
export function importRefusedPage(v: View, channelId: string, csrf: string, form: FormState, result: ImportResult | undefined): Page {
  return {
    title: v.t('ch.import.title'),
    body: (
      <>
        {consoleTabs(v)}
        <p><a href={`/console/channels/${channelId}/subscribers`}>{v.t('ch.back')}</a></p>
        {importForm(v, csrf, channelId, form, result)}
      </>
    ),
  };
}

export type ImportProgress = { id: string; state: 'queued' | 'running' | 'done' | 'failed'; total: number; done: number; failureCode: string | null };

/** A job-based import's progress (the page reloads itself while it runs; no script needed). */
export function importProgressPage(v: View, p: ImportProgress, back: string): Page {
  const { t } = v;
  return {
    title: t('ch.import.progress'),
    body: (
      <>
        {consoleTabs(v)}
        <p><a href={back}>{t('ch.back')}</a></p>
        <section class="panel" aria-labelledby="progress-title">
          <h1 id="progress-title">{t('ch.import.progress')}</h1>
          <p role="status" data-import-state={p.state}>{t('ch.import.state', { state: t(`ch.import.state.${p.state}`), done: p.done, total: p.total })}{p.failureCode ? ` (${p.failureCode})` : ''}</p>
          <progress max={p.total} value={p.done} aria-label={t('ch.import.progress')}>{p.done}/{p.total}</progress>
        </section>
      </>
    ),
  };
}

type AttributesFormData = Pick<ChannelSubscriberData, 'tags' | 'fields' | 'defs'> & { subscriber: { id: string } };

function attributesForm(v: View, csrf: string, d: AttributesFormData, s: FormState) {
  const { t } = v;
  const id = d.subscriber.id;
  const value = (k: string) => s.values[`f_${k}`] ?? (d.fields[k] === undefined ? '' : String(d.fields[k]));
  return (
    <section class="panel" aria-labelledby="attrs-title">
      <h2 id="attrs-title">{t('ch.sub.attributes')}</h2>
      <form method="post" action={`/console/subscribers/${id}/attributes`} id="attributes-form">
        <Hidden csrf={csrf} />
        <PolicyNote t={t} section={1} />
        <FormAlert v={v} s={s} />
        <div class="field"><label for="a-tags">{t('ch.sub.tags')}</label><input id="a-tags" name="tags" maxlength={2000} value={s.values.tags ?? d.tags.join(', ')} /></div>
        {d.defs.length === 0 ? <p class="hint">{t('ch.sub.noFields')}</p> : d.defs.map((f) => (
          <div class="field"><label for={`a-${f.key}`}>{f.label} <span class="hint">({f.key})</span></label>
            {f.type === 'boolean'
              ? <select id={`a-${f.key}`} name={`f_${f.key}`}><option value="">—</option><option value="true" selected={value(f.key) === 'true'}>{t('ch.yes')}</option><option value="false" selected={value(f.key) === 'false'}>{t('ch.no')}</option></select>
              : <input id={`a-${f.key}`} name={`f_${f.key}`} type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'} step={f.type === 'number' ? 'any' : undefined} value={value(f.key)} aria-describedby={`a-${f.key}-hint`} />}
            <p class="hint" id={`a-${f.key}-hint`}>{t('ch.sub.fieldHint')}</p></div>
        ))}
        <button class="button" type="submit">{t('ch.sub.save')}</button>
      </form>
    </section>
  );
}

/**
 * A refused tags-and-fields form, re-rendered with what was typed and the API's problems. The
 * form post reads no one's data (it is declared so): the page shows the form alone.
 */
export function attributesRefusedPage(v: View, d: { id: string; defs: ChannelSubscriberData['defs']; csrf: string; form: FormState }): Page {
  const { t } = v;
  return {
    title: t('ch.sub.attributes'),
    body: (
      <>
        {consoleTabs(v)}
        <p><a href={`/console/subscribers/${d.id}`}>{t('ch.back')}</a></p>
        {attributesForm(v, d.csrf, { subscriber: { id: d.id }, tags: [], fields: {}, defs: d.defs }, d.form)}
      </>
    ),
  };
}

/** One Subscriber on their channel: opt state and history, tags and fields. @clause C11 */
export function channelSubscriberPage(v: View, d: ChannelSubscriberData & { csrf: string; form: FormState; saved: boolean }): Page {
  const { t } = v;
  const s = d.subscriber;
  return {
    title: s.name,
    body: (
      <>
        {consoleTabs(v)}
        <p><a href={d.channel ? `/console/channels/${d.channel.id}/subscribers` : '/console/channels'}>{t('ch.back')}</a></p>
        <section class="panel">
          <h1>{s.name}</h1>
          {d.saved && <p class="notice" role="status">{t('ch.sub.saved')}</p>}
          <dl class="facts">
            {d.channel && <div><dt>{t('ch.platform')}</dt><dd>{channelName(v, d.channel)}</dd></div>}
            <div><dt>{t('ch.subs.source')}</dt><dd data-opt-in>{optInLabel(v, s.optInSource)}{s.optInAt && ` · ${when(v, s.optInAt)}`}</dd></div>
            <div><dt>{t('ch.subs.state')}</dt><dd>{stateBadge(v, s.state)}</dd></div>
          </dl>
          <p><a href={`/console/subscribers/${s.id}/conversation`}>{t('ch.sub.conversation')}</a> · <a href={`/console/subjects/subscriber/${s.id}`}>{t('ch.sub.consents')}</a></p>
        </section>
        <section class="panel" aria-labelledby="opt-history-title" id="opt-history">
          <h2 id="opt-history-title">{t('ch.sub.history')}</h2>
          <p class="hint">{t('ch.sub.historyLead')}</p>
          {d.history.length === 0 ? <Empty>{t('ch.sub.historyEmpty')}</Empty>
            : table(t('ch.sub.history'), [t('ch.sub.when'), t('ch.sub.kind'), t('ch.sub.signal'), t('ch.sub.language')], d.history.map((h) => (
              <tr data-opt-event={h.kind}><td>{when(v, h.createdAt)}</td><td>{t(`ch.kind.${h.kind as 'opt_in' | 'opt_out'}`)}</td><td><code>{h.signal}</code></td><td>{h.language ?? '—'}</td></tr>
            )))}
        </section>
        {attributesForm(v, d.csrf, d, d.form)}
      </>
    ),
  };
}

const outStatus = (v: View, status: string | undefined) => label(v, 'ch.conv.status', status ?? '');

/** A Subscriber's messages in and out, oldest first; content hidden while they restrict or object. @clause C34 */
export function conversationPage(v: View, d: ConversationData): Page {
  const { t } = v;
  const title = t('ch.conv.title', { name: d.subscriber.name });
  return {
    title,
    body: (
      <>
        {consoleTabs(v)}
        <p><a href={`/console/subscribers/${d.subscriber.id}`}>{d.subscriber.name}</a></p>
        <section class="panel" aria-labelledby="conv-title">
          <h1 id="conv-title">{title}</h1>
          <p class="lead">{t('ch.conv.lead')}</p>
          {d.hidden && <p class="form-error" data-content-hidden>{t('ch.conv.hidden')}</p>}
          {d.entries.length === 0 ? <Empty>{t('ch.conv.empty')}</Empty> : (
            <ol class="conversation">{d.entries.map((e) => (
              <li class={`msg msg-${e.direction}`} data-direction={e.direction}>
                <p class="meta">{e.direction === 'in' ? t('ch.conv.in') : t('ch.conv.out')} · {when(v, e.at)}
                  {e.direction === 'out' && ` · ${e.refusedCode ? t('ch.conv.refused', { code: e.refusedCode }) : outStatus(v, e.status)}`}
                  {e.sensitiveHeld && ` · ${t('ch.conv.held')}`}</p>
                {e.text !== null && <p class="msg-text">{e.text}</p>}
              </li>
            ))}</ol>
          )}
        </section>
      </>
    ),
  };
}

export type ListsPageData = { lists: ListSummary[]; csrf: string; form: FormState; result?: { queued: number; refused: number } | undefined; added: boolean };

/** The shop's marketing lists with member counts, a broadcast form per list and the create form. @clause C19 */
export function listsPage(v: View, d: ListsPageData): Page {
  const { t } = v;
  return {
    title: t('ch.lists.title'),
    body: (
      <>
        {consoleTabs(v)}
        <p><a href="/console/channels">{t('ch.back')}</a></p>
        <section class="panel" aria-labelledby="lists-title">
          <h1 id="lists-title">{t('ch.lists.title')}</h1>
          <p class="lead">{t('ch.lists.lead')}</p>
          {d.result && <p class="notice" role="status" data-broadcast-result data-queued={String(d.result.queued)} data-refused={String(d.result.refused)}>{t('ch.lists.result', d.result)}</p>}
          {d.added && <p class="notice" role="status">{t('ch.lists.added')}</p>}
          <FormAlert v={v} s={d.form} />
          {d.lists.length === 0 ? <Empty>{t('ch.lists.empty')}</Empty> : (
            <ul class="processor-list">{d.lists.map((l) => (
              <li class="processor" data-list={l.id}>
                <h2>{l.label}</h2>
                <p class="meta">{label(v, 'ch.lists.channel', l.channel)} · {t('ch.lists.members')}: <span data-members>{l.members}</span> · {when(v, l.createdAt)}</p>
                <form method="post" action={`/console/channels/lists/${l.id}/broadcasts`} data-broadcast={l.id}>
                  <Hidden csrf={d.csrf} />
                  <PolicyNote t={t} section={2} />
                  <div class="field"><label for={`b-${l.id}`}>{t('ch.lists.text')}</label><textarea id={`b-${l.id}`} name="text" rows={3} required maxlength={2000}></textarea></div>
                  <button class="button" type="submit">{t('ch.lists.send')}</button>
                </form>
                <form method="post" action={`/console/channels/lists/${l.id}/members`} data-add-member={l.id} class="inline-form">
                  <Hidden csrf={d.csrf} />
                  <PolicyNote t={t} section={2} />
                  <div class="field"><label for={`m-${l.id}`}>{t('ch.lists.addMember')}</label><input id={`m-${l.id}`} name="subjectId" required maxlength={36} /></div>
                  <button class="button" type="submit">{t('ch.lists.addSubmit')}</button>
                </form>
              </li>
            ))}</ul>
          )}
        </section>
        <section class="panel" aria-labelledby="create-list-title">
          <h2 id="create-list-title">{t('ch.lists.create')}</h2>
          <form method="post" action="/console/channels/lists" id="create-list-form">
            <Hidden csrf={d.csrf} />
            <PolicyNote t={t} section={2} />
            <div class="field"><label for="l-label">{t('ch.lists.label')}</label><input id="l-label" name="label" required maxlength={120} /></div>
            <div class="field"><label for="l-channel">{t('ch.lists.channel')}</label>
              <select id="l-channel" name="channel"><option value="channel">{t('ch.lists.channel.channel')}</option><option value="email">{t('ch.lists.channel.email')}</option></select></div>
            <button class="button" type="submit">{t('ch.lists.createSubmit')}</button>
          </form>
        </section>
      </>
    ),
  };
}
