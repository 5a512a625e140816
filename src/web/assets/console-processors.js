/* global document, location, crypto */
// Registers providers and files their agreements through the API, once per filled-in form.
import { onSubmit } from './app.js';
import { postOnce } from './console.js';

function once(form) {
  let key = crypto.randomUUID();
  form.addEventListener('input', () => {
    key = crypto.randomUUID();
  });
  return () => key;
}

const processorForm = document.getElementById('processor-form');
const processorKey = processorForm ? once(processorForm) : null;
if (processorForm) onSubmit(processorForm, async (values) => {
  await postOnce(processorForm.dataset.post ?? '/api/processors', { name: values.name, kind: values.kind, ...(values.contact ? { contact: values.contact } : {}) }, processorKey());
  location.reload();
});

for (const form of document.querySelectorAll('form[data-agreement]')) {
  const keyOf = once(form);
  onSubmit(form, async (values) => {
    const selected = (name) => [...form.elements.namedItem(name).selectedOptions].map((o) => o.value);
    await postOnce(`${form.dataset.base}/${encodeURIComponent(form.dataset.agreement)}/agreements`, {
      signedAt: values.signedAt,
      effectiveFrom: values.effectiveFrom,
      ...(values.expiresAt ? { expiresAt: values.expiresAt } : {}),
      categories: selected('categories'),
      purposes: selected('purposes'),
      retention: values.retention,
      retentionDays: Number(values.retentionDays),
      documentRef: values.documentRef,
      bindsToPolicy: form.elements.namedItem('bindsToPolicy').checked,
    }, keyOf());
    location.reload();
  });
}
