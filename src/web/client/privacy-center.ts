// The privacy center (C22, C34) is rendered on the server and its forms post without
// JavaScript. This script only enhances: it spends the e-mailed link's token at once (and drops
// it from the address bar and history), checks the tick before an offer is sent, and asks for a
// sign-in link through the JSON API so the page stays as it is.
import { api, byId, lang, one, onSubmit, t, type In } from './lib/app.ts';
import type { SignInBody } from '../../routes/privacy-center/schema.ts';

const session = document.getElementById('pc-session-form');
if (session instanceof HTMLFormElement) {
  // The link works once: take it out of the address bar and history before anything else.
  history.replaceState(null, '', location.pathname);
  session.submit();
}

for (const offer of document.querySelectorAll<HTMLFormElement>('form.offer')) {
  offer.addEventListener('submit', (e) => {
    if ((offer.elements.namedItem('agree') as HTMLInputElement).checked) return;
    e.preventDefault();
    const err = one(offer, '.form-error');
    err.textContent = t('pc.offer.tick');
    err.hidden = false;
  });
}

const signIn = document.getElementById('pc-signin-form');
if (signIn instanceof HTMLFormElement) {
  const tenantId = byId('pc').dataset.tenant ?? '';
  onSubmit(signIn, async ({ email = '' }) => {
    const body: In<typeof SignInBody> = { email, lang };
    await api('POST', `/api/privacy-center/${encodeURIComponent(tenantId)}/sign-in`, body);
    byId('pc-sent').hidden = false;
  });
}
