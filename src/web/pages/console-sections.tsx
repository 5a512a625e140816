import type { Page, View } from '../view.ts';
import { consoleTabs, Empty, type ComingSection } from './console-common.tsx';

/** A console section the next issues fill: its place in the navigation, and what it will hold. */
export function comingSectionPage(v: View, section: ComingSection): Page {
  const { t } = v;
  return {
    title: t(`console.nav.${section}`),
    body: (
      <>
        {consoleTabs(v)}
        <section class="panel" aria-labelledby="section-title">
          <h1 id="section-title">{t(`console.nav.${section}`)} <span class="badge">{t('console.coming.badge')}</span></h1>
          <Empty data-empty={section}>{t(`console.coming.${section}`)}</Empty>
        </section>
      </>
    ),
  };
}
