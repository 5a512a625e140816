import type { Page, View } from '../view.ts';
import { constraints, formSchemas } from '../form-fields.ts';
import { FieldMessage, FormAlert, Hidden, invalidAttrs, PolicyNote, type FormState } from './form-parts.tsx';
import { when } from './console-common.tsx';
import { CORRECTION_FIELDS, MINE_KINDS, requestText, type CorrectionField } from './requests-text.ts';

/** One of the person's requests, as the API's presenter gives it: kind, state and dates. */
export type MineItem = { id: string; kind: string; state: string; receivedAt: string; dueAt: string | null; overdue: boolean; duplicateOf: string | null };
export type MineModel = {
  base: string; shop: string; subjectType: keyof typeof CORRECTION_FIELDS; items: readonly MineItem[];
  csrf: string; formKey: string; form: FormState; flash: 'filed' | 'duplicate' | null;
};

/**
 * "My requests" in the privacy center, in vi and en: the signed-in person's requests with their
 * state and due date, and a form to file one (a correction with its new values) that works
 * without JavaScript. Kinds, states and dates only; no value of theirs is shown back, except
 * what they typed into a refused form.
 * @clause C31 @clause C33 @clause C34
 */
export function myRequestsPage(v: View, m: MineModel): Page {
  const r = requestText(v.lang);
  const s = m.form;
  const fields: readonly CorrectionField[] = CORRECTION_FIELDS[m.subjectType];
  const labels = Object.fromEntries([['kind', r('mine.kind')], ...fields.map((f) => [f, r(`field.${f}`)])]);
  return {
    title: r('mine.title'),
    body: (
      <div id="rq-mine">
        <section class="panel" aria-labelledby="rq-mine-title">
          <h1 id="rq-mine-title">{r('mine.title')}</h1>
          <p class="lead">{r('mine.lead', { shop: m.shop })}</p>
          <p class="form-ok" role="status" id="rq-mine-ok" hidden={!m.flash}>{m.flash ? r(`mine.${m.flash}`) : ''}</p>
          <p><a href={m.base}>{r('mine.back')}</a></p>
          {m.items.length === 0 ? <p class="empty" id="rq-mine-none">{r('mine.none')}</p> : (
            <table class="data" id="rq-mine-list">
              <thead><tr><th scope="col">{r('col.kind')}</th><th scope="col">{r('col.state')}</th><th scope="col">{r('col.received')}</th><th scope="col">{r('col.due')}</th></tr></thead>
              <tbody>{m.items.map((i) => (
                <tr data-id={i.id} data-kind={i.kind} data-state={i.state}>
                  <td>{r(`kind.${i.kind}` as never)}</td><td>{r(`state.${i.state}` as never)}{i.overdue ? ` (${r('inbox.overdue')})` : ''}</td>
                  <td>{when(v, i.receivedAt)}</td><td>{when(v, i.dueAt)}</td>
                </tr>
              ))}</tbody>
            </table>
          )}
        </section>
        <section class="panel" aria-labelledby="rq-new-title">
          <h2 id="rq-new-title">{r('mine.new')}</h2>
          <form id="rq-mine-form" method="post" action={`${m.base}/my-requests`} novalidate {...formSchemas('CenterRequestBody', 'CenterCorrection')}>
            <PolicyNote t={v.t} section={5} />
            <Hidden csrf={m.csrf} formKey={m.formKey} />
            <div class="field"><label for="rq-mine-kind">{r('mine.kind')}</label>
              <select id="rq-mine-kind" name="kind" {...constraints('CenterRequestBody', 'kind')} {...invalidAttrs(s, 'kind', 'rq-mine-kind')}>
                {MINE_KINDS.map((k) => <option value={k} selected={s.values.kind === k}>{r(`kind.${k}`)}</option>)}</select>
              <FieldMessage v={v} s={s} name="kind" id="rq-mine-kind" /></div>
            <fieldset class="field-group">
              <legend>{r('mine.correction')}</legend>
              {fields.map((f) => {
                const id = `rq-mine-${f}`;
                return (
                  <div class="field"><label for={id}>{r(`field.${f}`)}</label>
                    <input id={id} name={f} type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'} value={s.values[f] ?? ''}
                      {...constraints('CenterCorrection', f)} {...invalidAttrs(s, f, id)} />
                    <FieldMessage v={v} s={s} name={f} id={id} /></div>
                );
              })}
            </fieldset>
            <FormAlert v={v} s={s} labels={labels} />
            <button class="button" type="submit">{r('mine.submit')}</button>
          </form>
        </section>
      </div>
    ),
  };
}
