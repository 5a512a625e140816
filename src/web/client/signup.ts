import { api, byId, onSubmit, type In, type Out } from './lib/app.ts';
import type { SignUpBody, SignUpOut } from '../../routes/auth/schema.ts';

const form = byId<HTMLFormElement>('signup-form');

function show(id: string): void {
  byId('signup').hidden = true;
  const panel = byId(id);
  panel.hidden = false;
  panel.focus();
}

onSubmit(form, async (values) => {
  // The form's fields are the schema's (rendered from it); the API validates and names what is wrong.
  const res = await api<Out<typeof SignUpOut>>('POST', '/api/auth/sign-up', values as In<typeof SignUpBody>);
  // A minor gets only the notice that a parent's consent is needed (C38).
  show(res.status === 'parental_consent_required' ? 'signup-minor' : 'signup-sent');
});
