import type { ProcessorWithAgreements } from '../../disclosures/processors.ts';
import { PolicyNote } from './form-parts.tsx';
import type { DeadJob } from '../../jobs/runner.ts';
import { formSchemas } from '../form-fields.ts';
import { sameOriginNext } from '../shared/next.ts';
import type { Page, View } from '../view.ts';
import { SignInFields } from './auth.tsx';
import { Empty } from './console-common.tsx';
import { disclosureForm } from './console-disclosures.tsx';
import { processorCard, registerForm } from './console-processors.tsx';

/**
 * The privacy officer's console: ECOMKEY's own processors and their agreements (C26), and the
 * form to record a legal disclosure of a shop's data with its reference and a reason (C27).
 * `/staff/signin` shows the staff sign-in, then returns to `next`.
 */
export function staffPage(v: View, state: { signedIn: false } | { signedIn: true; processors: readonly ProcessorWithAgreements[]; deadJobs: readonly DeadJob[] }): Page {
  const { t } = v;
  if (!state.signedIn) {
    return {
      title: t('console.staff.signin'),
      script: 'console-staff',
      body: (
        <section class="panel narrow">
          <h1>{t('console.staff.signin')}</h1>
          <p class="hint">{t('console.staff.notStaff')}</p>
          <form id="staff-signin-form" method="post" novalidate data-next={sameOriginNext(v.url.searchParams.get('next'), v.url.origin, '/staff')} {...formSchemas('SignInBody')}>
            <PolicyNote t={v.t} section={2} />
            <SignInFields t={t} />
          </form>
        </section>
      ),
    };
  }
  const processors = state.processors.filter((p) => p.processor.retired_at === null);
  return {
    title: t('console.staff.title'),
    script: 'console-staff',
    body: (
      <>
        <section class="panel" aria-labelledby="staff-title">
          <h1 id="staff-title">{t('console.staff.title')}</h1>
          <p class="lead">{t('console.staff.lead')}</p>
          <h2>{t('console.staff.processors')}</h2>
          {processors.length === 0 ? <Empty>{t('console.processors.empty')}</Empty>
            : <ul class="processor-list">{processors.map((p) => processorCard(v, p, '/api/staff/processors', true))}</ul>}
        </section>
        {registerForm(v, '/api/staff/processors')}
        <section class="panel" aria-labelledby="legal-title">
          <h2 id="legal-title">{t('console.staff.legal')}</h2>
          <p class="hint">{t('console.staff.legalLead')}</p>
        </section>
        <section class="panel" aria-labelledby="records-title">
          <h2 id="records-title">{t('console.staff.records')}</h2>
          <p class="hint">{t('console.staff.recordsLead')}</p>
          <ul id="records-links">
            {(['vi', 'en'] as const).flatMap((lang) => (['html', 'pdf'] as const).map((format) => (
              <li><a href={`/api/staff/records?lang=${lang}&format=${format}`}>{lang === 'vi' ? 'Tiếng Việt' : 'English'} · {format.toUpperCase()}</a></li>
            )))}
          </ul>
        </section>
        {disclosureForm(v, [...processors], {}, true)}
        {deadJobsPanel(v, state.deadJobs)}
      </>
    ),
  };
}

/** The dead-letter list: names, codes and counts only (a job's data is never shown), each with a retry. */
function deadJobsPanel(v: View, jobs: readonly DeadJob[]) {
  const { t } = v;
  return (
    <section class="panel" aria-labelledby="dead-jobs-title">
      <h2 id="dead-jobs-title">{t('console.staff.deadJobs')}</h2>
      <p class="hint">{t('console.staff.deadJobsLead')}</p>
      {jobs.length === 0 ? <Empty>{t('console.staff.deadJobsEmpty')}</Empty>
        : <ul class="dead-jobs">{jobs.map((j) => (
          <li><strong>{j.name}</strong> <code>{j.code}</code> · {j.tries} {t('console.staff.tries')} · {new Date(j.failedAt).toISOString()}
            <form class="dead-job-retry" data-id={j.id} method="post" novalidate><p class="form-error" role="alert" hidden></p><button class="button" type="submit">{t('console.staff.retry')}</button></form></li>
        ))}</ul>}
    </section>
  );
}
