import type { Page, View } from '../view.ts';

export type PolicyKind = 'privacy' | 'terms';

/**
 * A policy's text (current or one version), its summary and, for a later version, the
 * difference to the one before; beside it every version, so each can be reviewed. @clause C40
 */
export function policyPage({ t }: View, kind: PolicyKind, version: number | null): Page {
  return {
    title: t(`policy.${kind}`),
    script: 'policy',
    body: (
      <div class="policy-layout" id="policy" data-kind={kind} data-version={version ?? ''}>
        <article class="panel" aria-labelledby="policy-title">
          <h1 id="policy-title">{t(`policy.${kind}`)}</h1>
          <p class="meta" data-meta>{t('common.loading')}</p>
          <div class="summary" data-summary hidden><strong>{t('policy.summary')}:</strong> <span></span></div>
          <p class="hint" data-first hidden>{t('policy.first')}</p>
          <section data-diff hidden aria-labelledby="diff-title">
            <h2 id="diff-title"></h2>
            <p class="hint">{t('policy.diffLegend')}</p>
            <div class="diff"></div>
          </section>
          <section aria-labelledby="text-title"><h2 id="text-title" class="visually-hidden">{t('policy.text')}</h2><div class="policy-text" data-body></div></section>
          <p class="form-error" role="alert" hidden></p>
        </article>
        <nav class="panel versions" aria-labelledby="versions-title">
          <h2 id="versions-title">{t('policy.versions')}</h2>
          <ol data-versions></ol>
        </nav>
      </div>
    ),
  };
}
