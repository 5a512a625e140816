// The privacy officer's console: staff sign-in, then ECOMKEY's processors and legal disclosures.
import { api, onSubmit, rememberCsrf, safeNext, type In, type Out } from './lib/app.ts';
import type { SignInBody, StaffSignInOut } from '../../routes/auth/schema.ts';
import './console-processors.ts';
import './console-disclosures.ts';

const signin = document.getElementById('staff-signin-form') as HTMLFormElement | null;
if (signin) {
  onSubmit(signin, async ({ email = '', password = '' }) => {
    const body: In<typeof SignInBody> = { email, password };
    const res = await api<Out<typeof StaffSignInOut>>('POST', '/api/staff/auth/sign-in', body);
    rememberCsrf(res.csrfToken);
    location.href = safeNext(signin.dataset.next, '/staff');
  });
}

// A failed job goes back to the queue; the list is read again.
for (const form of document.querySelectorAll<HTMLFormElement>('form.dead-job-retry')) {
  onSubmit(form, async () => {
    await api('POST', `/api/staff/jobs/dead/${form.dataset.id ?? ''}/retry`);
    location.reload();
  });
}
