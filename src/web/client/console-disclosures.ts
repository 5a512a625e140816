// Records a disclosure through the API. One Idempotency-Key per filled-in form: a double click
// or a retry after a network error records the entry once.
import { one, onSubmit, type In } from './lib/app.ts';
import { keyPerEdit, postOnce, selected } from './lib/console.ts';
import type { DisclosureCreate } from '../../routes/disclosures/schema.ts';

export function setUpDisclosureForm(form: HTMLFormElement): void {
  const once = keyPerEdit(form);
  const kindField = form.elements.namedItem('recipientKind') as HTMLSelectElement;
  const showRecipientFields = (): void => {
    const kind = kindField.value;
    one(form, '[data-for=processor]').hidden = kind !== 'processor';
    one(form, '[data-for=named]').hidden = kind === 'processor' || kind === 'subject';
  };
  kindField.addEventListener('change', showRecipientFields);
  showRecipientFields();

  onSubmit(form, async (values) => {
    const ok = one(form, '.form-ok');
    ok.hidden = true;
    const named = values.recipientKind !== 'processor' && values.recipientKind !== 'subject';
    // Only the fields filled in are sent: the API names what is missing, in the reader's language.
    const body = {
      recipientKind: values.recipientKind,
      // The console records only what the policy allows: the recipient uses the data to provide the service (C28).
      recipientUse: 'service',
      ...(values.recipientKind === 'processor' && values.recipientId ? { recipientId: values.recipientId } : {}),
      ...(named && values.recipientName ? { recipientName: values.recipientName } : {}),
      ...(values.basis ? { basis: values.basis } : {}),
      ...(values.orderReference ? { orderReference: values.orderReference } : {}),
      purpose: values.purpose ?? '',
      categories: selected(form, 'categories'),
      subjects: [{ type: values.subjectType ?? '', id: values.subjectId ?? '' }],
    } as In<typeof DisclosureCreate>;
    // Staff record on a tenant's data, with the reason they look into it (audited with the entry).
    if (form.elements.namedItem('tenantId')) {
      await postOnce(`/api/staff/tenants/${encodeURIComponent(values.tenantId ?? '')}/disclosures`, body, once.key(), { 'x-access-reason': values.accessReason ?? '' });
      ok.hidden = false;
      once.renew();
    } else {
      await postOnce('/api/disclosures', body, once.key());
      location.reload();
    }
  });
}

const form = document.getElementById('disclosure-form') as HTMLFormElement | null;
if (form) setUpDisclosureForm(form);
