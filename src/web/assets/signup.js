/* global document */
import { api, onSubmit } from './app.js';

const form = document.getElementById('signup-form');

function show(id) {
  document.getElementById('signup').hidden = true;
  const panel = document.getElementById(id);
  panel.hidden = false;
  panel.focus();
}

onSubmit(form, async (values) => {
  const res = await api('POST', '/api/auth/sign-up', values);
  // A minor gets only the notice that a parent's consent is needed (C38).
  show(res?.status === 'parental_consent_required' ? 'signup-minor' : 'signup-sent');
});
