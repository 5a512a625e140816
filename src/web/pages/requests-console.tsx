import type { Page, View } from '../view.ts';
import { consoleTabs, when } from './console-common.tsx';
import type { RequestDetail } from '../../dsr/inbox.ts';
import { DENY_REASONS, EXTENSION_REASONS, type RequestRow } from '../../dsr/requests.ts';
import { requestText, type RequestText } from './requests-text.ts';

export type InboxData = { rows: readonly RequestRow[]; counts: Record<string, number>; detail: RequestDetail | null };

const OPEN = ['received', 'identity_unverified', 'verified', 'in_progress'];

function timeLeft(r: RequestRow, now: number): string {
  if (!r.due_at || !OPEN.includes(r.state)) return '';
  const h = Math.round((new Date(r.due_at).getTime() - now) / 3_600_000);
  return Math.abs(h) >= 48 ? `${Math.round(h / 24)} d` : `${h} h`;
}

function DetailPanel({ v, r, d }: { v: View; r: RequestText; d: RequestDetail }) {
  const q = d.row;
  const Act = ({ action, label }: { action: string; label: string }) => <button type="button" class="button button-small" data-request={q.id} data-action={action}>{label}</button>;
  return (
    <section class="panel" aria-labelledby="rq-detail-title" id="rq-detail" data-state={q.state}>
      <h2 id="rq-detail-title">{r(`kind.${q.kind}` as never)} — <span id="rq-state">{r(`state.${q.state}` as never)}</span></h2>
      <p>{r('col.due')}: {when(v, q.due_at)} {d.citation ? <small>({d.citation})</small> : ''}</p>
      <p class="form-error" role="alert" hidden></p>
      <div class="actions">
        {q.state === 'identity_unverified' ? <Act action="verify" label={r('inbox.verify')} /> : ''}
        {q.state === 'verified' || q.state === 'in_progress' ? <Act action="fulfil" label={r('inbox.fulfil')} /> : ''}
        {OPEN.includes(q.state) && q.state !== 'in_progress'
          ? <><label>{r('inbox.reason')} <select id="rq-deny-reason">{DENY_REASONS.map((x) => <option value={x}>{x}</option>)}</select></label><Act action="deny" label={r('inbox.deny')} /></>
          : ''}
        {OPEN.includes(q.state) && !q.extended_at
          ? <><label>{r('inbox.reason')} <select id="rq-extend-reason">{EXTENSION_REASONS.map((x) => <option value={x}>{x}</option>)}</select></label><Act action="extend" label={r('inbox.extend')} /></>
          : ''}
      </div>
      <h3>{r('col.found')}</h3>
      <table class="data" id="rq-found"><thead><tr><th scope="col">Table</th><th scope="col">Rows</th><th scope="col">Categories</th></tr></thead>
        <tbody>{d.found.map((f) => <tr><td>{f.table}</td><td>{f.rows}</td><td>{f.categories.join(', ')}</td></tr>)}</tbody></table>
      <h3>{r('inbox.steps')}</h3>
      <ol id="rq-steps">{d.steps.map((s) => <li data-step={s.step} data-state={s.state}>{s.step}: {s.state}{s.code ? ` (${s.code}, ×${s.attempts})` : ''}</li>)}</ol>
      {d.processors.length
        ? <><h3>{r('inbox.processors')}</h3><ul id="rq-processors">{d.processors.map((p) => <li data-state={p.state} data-channel={p.channel}>{p.processorName} ({p.channel === 'email' ? 'e-mail' : 'webhook'}): {p.state}{p.lastCode ? ` (${p.lastCode}, ×${p.attempts})` : p.attempts > 1 ? ` (×${p.attempts})` : ''}</li>)}</ul></>
        : ''}
      <h3>{r('inbox.history')}</h3>
      <ol>{d.events.map((e) => <li>{when(v, e.at)} — {e.to}{e.code ? ` (${e.code})` : ''}</li>)}</ol>
    </section>
  );
}

/**
 * The console's inbox of subject requests (C11, C33): each with its due date, time left and
 * state; one request's counts per table and category (never values), its steps, processors and
 * history; fulfil, deny or extend with a reason from the fixed lists.
 */
export function requestInboxPage(v: View, data: InboxData, now = Date.now()): Page {
  const r = requestText(v.lang);
  return {
    title: r('inbox.title'),
    script: 'requests-console',
    body: (
      <>
        {consoleTabs(v)}
        <section class="panel" aria-labelledby="rq-title">
          <h1 id="rq-title">{r('inbox.title')}</h1>
          <p class="lead">{r('inbox.lead')}</p>
          {data.rows.length === 0 ? <p class="empty" data-empty="requests">{r('inbox.empty')}</p> : (
            <table class="data" id="rq-inbox">
              <thead><tr><th scope="col">{r('col.kind')}</th><th scope="col">{r('col.state')}</th><th scope="col">{r('col.via')}</th><th scope="col">{r('col.received')}</th><th scope="col">{r('col.due')}</th><th scope="col">{r('col.left')}</th></tr></thead>
              <tbody>{data.rows.map((q) => {
                const late = q.due_at && OPEN.includes(q.state) && new Date(q.due_at).getTime() < now;
                return <tr data-request={q.id} data-state={q.state}><td><a href={`/console/requests?id=${q.id}`}>{r(`kind.${q.kind}` as never)}</a></td><td>{r(`state.${q.state}` as never)}</td><td>{q.received_via}</td><td>{when(v, q.received_at)}</td><td>{when(v, q.due_at)}</td><td>{timeLeft(q, now)}{late ? <> <span class="badge">{r('inbox.overdue')}</span></> : ''}</td></tr>;
              })}</tbody>
            </table>
          )}
        </section>
        {data.detail ? <DetailPanel v={v} r={r} d={data.detail} /> : ''}
      </>
    ),
  };
}
