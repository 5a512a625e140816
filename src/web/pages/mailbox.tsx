import type { Page, View } from '../view.ts';

/** Outbox mail, readable in the browser while no SMTP transport is configured. */
export function mailboxPage({ t }: View): Page {
  return {
    title: t('mailbox.title'),
    script: 'mailbox',
    body: (
      <section class="panel">
        <h1>{t('mailbox.title')}</h1>
        <p class="lead">{t('mailbox.lead')}</p>
        <p class="form-error" role="alert" hidden></p>
        <ol class="mail-list" id="mail"><li>{t('common.loading')}</li></ol>
      </section>
    ),
  };
}
