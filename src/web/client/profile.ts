// The profile (C32) is rendered on the server and its forms post without JavaScript. This
// script only enhances: the profile form is sent through the JSON API so a refusal marks its
// fields in place, and revoking a key asks first.
import { api, byId, onSubmit, t, type In } from './lib/app.ts';
import type { ProfilePatchBody } from '../../routes/me/schema.ts';

const form = byId<HTMLFormElement>('profile-form');
const EDITABLE = ['name', 'company', 'billingAddress', 'locale'] as const;

/** The value the server rendered into a field: what the profile holds now. */
function initial(name: string): string {
  const f = form.elements.namedItem(name);
  if (f instanceof HTMLSelectElement) return [...f.options].find((o) => o.defaultSelected)?.value ?? f.value;
  return f instanceof HTMLInputElement || f instanceof HTMLTextAreaElement ? f.defaultValue : '';
}

onSubmit(form, async (values) => {
  // Only what changed is sent, so the history records real changes only.
  const patch: Record<string, string> = {};
  for (const f of EDITABLE) if (values[f] !== undefined && values[f] !== initial(f)) patch[f] = values[f];
  if (Object.keys(patch).length) await api('PATCH', '/api/me', patch as In<typeof ProfilePatchBody>);
  location.assign('/profile?done=saved');
});

byId('keys').addEventListener('submit', (e) => {
  if (!confirm(t('keys.confirmRevoke'))) e.preventDefault();
});
