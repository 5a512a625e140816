import type { z } from 'zod';
import type { HoursOut } from '../../routes/inquiries/schema.ts';
import type { Page, View } from '../view.ts';
import { FieldMessage, FormAlert, invalidAttrs, PolicyNote, type FormState } from './form-parts.tsx';
import { publicText } from './public-text.ts';

/**
 * The contact page (C41, C25): the phone hours in Vietnam time with whether the line is open
 * now, and the question form, which works without JavaScript.
 * @clause C41 @clause C25
 */
export function contactPage(v: View, hours: z.output<typeof HoursOut>, form: FormState, sentRef: string | null): Page {
  const p = publicText(v.lang);
  const val = (f: string) => form.values[f] ?? '';
  const field = (name: 'email' | 'subject', type: string, label: string) => (
    <div class="field"><label for={`contact-${name}`}>{label}</label>
      <input id={`contact-${name}`} name={name} type={type} required maxlength={name === 'email' ? 254 : 200} value={val(name)} {...invalidAttrs(form, name, `contact-${name}`)} />
      <FieldMessage v={v} s={form} name={name} id={`contact-${name}`} /></div>
  );
  const [weekend, weekday] = [hours.week[0]!, hours.week[1]!];
  return {
    title: p('contact.title'),
    body: (
      <section class="panel narrow" aria-labelledby="contact-title">
        <h1 id="contact-title">{p('contact.title')}</h1>
        <p class="lead">{p('contact.lead')}</p>
        <h2>{p('contact.hours')}</h2>
        <table class="data" id="contact-hours">
          <tbody>
            <tr><th scope="row">{p('contact.weekdays')}</th><td>{weekday.opens}–{weekday.closes}</td></tr>
            <tr><th scope="row">{p('contact.weekend')}</th><td>{weekend.opens}–{weekend.closes}</td></tr>
          </tbody>
        </table>
        <p id="contact-now" data-open={String(hours.open)}>{hours.open ? p('contact.open', { time: hours.localTime, closes: hours.closesAt ?? '' }) : p('contact.closed', { time: hours.localTime, opens: hours.opensAt })}</p>
        {sentRef
          ? <p class="form-ok" role="status" id="contact-sent">{p('contact.sent', { ref: sentRef })}</p>
          : (
            <form id="contact-form" method="post" action="/contact" novalidate>
              <input type="hidden" name="lang" value={v.lang} />
              {field('email', 'email', p('contact.email'))}
              {field('subject', 'text', p('contact.subject'))}
              <div class="field"><label for="contact-message">{p('contact.message')}</label>
                <textarea id="contact-message" name="message" rows={6} required maxlength={5000} {...invalidAttrs(form, 'message', 'contact-message')}>{val('message')}</textarea>
                <FieldMessage v={v} s={form} name="message" id="contact-message" /></div>
              <PolicyNote t={v.t} section={10} />
              <FormAlert v={v} s={form} labels={{ email: p('contact.email'), subject: p('contact.subject'), message: p('contact.message') }} />
              <button class="button" type="submit">{p('contact.submit')}</button>
            </form>
          )}
      </section>
    ),
  };
}
