import type { Page, View } from '../view.ts';

/**
 * Both current texts, each in its own scrollable region with version and summary of changes
 * (filled by accept.js), and two boxes the user must tick: nothing is ticked for them.
 * @clause C06
 */
export function acceptPage({ t }: View): Page {
  const Doc = ({ kind }: { kind: 'privacy' | 'terms' }) => (
    <article class="policy-doc" id={`doc-${kind}`} aria-labelledby={`doc-${kind}-title`}>
      <h2 id={`doc-${kind}-title`}>{t(`policy.${kind}`)}</h2>
      <p class="meta" data-meta></p>
      <div class="summary" data-summary hidden><strong>{t('accept.changes')}</strong> <span></span></div>
      <div class="policy-box" data-body tabindex={0} role="region" aria-label={t(`policy.${kind}`)}><p>{t('common.loading')}</p></div>
    </article>
  );
  return {
    title: t('accept.title'),
    script: 'accept',
    body: (
      <section class="panel">
        <h1>{t('accept.title')}</h1>
        <p class="lead">{t('accept.lead')}</p>
        <p class="callout" id="accept-status" hidden></p>
        <Doc kind="privacy" />
        <Doc kind="terms" />
        <form id="accept-form" method="post" novalidate>
          <div class="check"><input type="checkbox" id="accept-privacy" name="privacy" required /><label for="accept-privacy" data-label="accept.checkPrivacy"></label></div>
          <div class="check"><input type="checkbox" id="accept-terms" name="terms" required /><label for="accept-terms" data-label="accept.checkTerms"></label></div>
          <p class="form-error" role="alert" hidden></p>
          <button class="button" type="submit" disabled>{t('accept.submit')}</button>
        </form>
      </section>
    ),
  };
}
