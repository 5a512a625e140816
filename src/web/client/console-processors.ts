// Registers providers and files their agreements through the API, once per filled-in form.
import { onSubmit, type In } from './lib/app.ts';
import { keyPerEdit, postOnce, selected } from './lib/console.ts';
import type { AgreementCreate, ProcessorCreate } from '../../routes/processors/schema.ts';

const processorForm = document.getElementById('processor-form') as HTMLFormElement | null;
if (processorForm) {
  const once = keyPerEdit(processorForm);
  onSubmit(processorForm, async (values) => {
    const body = { name: values.name, kind: values.kind, ...(values.contact ? { contact: values.contact } : {}) } as In<typeof ProcessorCreate>;
    await postOnce(processorForm.dataset.post ?? '/api/processors', body, once.key());
    location.reload();
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-agreement]')) {
  const once = keyPerEdit(form);
  onSubmit(form, async (values) => {
    const body: In<typeof AgreementCreate> = {
      signedAt: values.signedAt ?? '',
      effectiveFrom: values.effectiveFrom ?? '',
      ...(values.expiresAt ? { expiresAt: values.expiresAt } : {}),
      categories: selected(form, 'categories'),
      purposes: selected(form, 'purposes'),
      retention: values.retention ?? '',
      retentionDays: Number(values.retentionDays),
      documentRef: values.documentRef ?? '',
      bindsToPolicy: (form.elements.namedItem('bindsToPolicy') as HTMLInputElement).checked,
    };
    await postOnce(`${form.dataset.base ?? ''}/${encodeURIComponent(form.dataset.agreement ?? '')}/agreements`, body, once.key());
    location.reload();
  });
}
