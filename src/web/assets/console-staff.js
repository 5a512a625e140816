/* global document, location */
// The privacy officer's console: staff sign-in, then ECOMKEY's processors and legal disclosures.
import { api, onSubmit, rememberCsrf } from './app.js';
import './console-processors.js';
import './console-disclosures.js';

const signin = document.getElementById('staff-signin-form');
if (signin) {
  onSubmit(signin, async ({ email, password }) => {
    const res = await api('POST', '/api/staff/auth/sign-in', { email, password });
    rememberCsrf(res.csrfToken);
    location.reload();
  });
}

// A failed job goes back to the queue; the list is read again.
for (const form of document.querySelectorAll('form.dead-job-retry')) {
  onSubmit(form, async () => {
    await api('POST', `/api/staff/jobs/dead/${form.dataset.id}/retry`);
    location.reload();
  });
}
