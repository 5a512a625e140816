/* global document, location, URLSearchParams */
import { api, onSubmit, rememberCsrf, safeNext } from './app.js';

const next = safeNext(new URLSearchParams(location.search).get('next'), '/profile');

onSubmit(document.getElementById('signin-form'), async ({ email, password }) => {
  const res = await api('POST', '/api/auth/sign-in', { email, password });
  rememberCsrf(res.csrfToken);
  location.href = res.acceptanceRequired ? '/accept' : next;
});
