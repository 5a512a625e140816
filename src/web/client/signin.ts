import type { In, Out } from './lib/app.ts';
import { api, byId, onSubmit, rememberCsrf, safeNext } from './lib/app.ts';
import type { SignInBody, SignInOut } from '../../routes/auth/schema.ts';

const form = byId<HTMLFormElement>('signin-form');
// The server validated `next`; checked again against this page's own origin before it is followed.
const next = safeNext(form.dataset.next, '/profile');

onSubmit(form, async ({ email = '', password = '' }) => {
  const body: In<typeof SignInBody> = { email, password };
  const res = await api<Out<typeof SignInOut>>('POST', '/api/auth/sign-in', body);
  rememberCsrf(res.csrfToken);
  location.href = res.acceptanceRequired ? '/accept' : next;
});
