/* global document, location, crypto */
// Records a disclosure through the API. One Idempotency-Key per filled-in form: a double click
// or a retry after a network error records the entry once.
import { onSubmit } from './app.js';
import { postOnce } from './console.js';

const form = document.getElementById('disclosure-form');
if (form) setUp(form);

function setUp(form) {
  let key = crypto.randomUUID();
  const showRecipientFields = () => {
    const kind = form.elements.namedItem('recipientKind').value;
    form.querySelector('[data-for=processor]').hidden = kind !== 'processor';
    form.querySelector('[data-for=named]').hidden = kind === 'processor' || kind === 'subject';
  };
  form.elements.namedItem('recipientKind').addEventListener('change', showRecipientFields);
  form.addEventListener('input', () => {
    key = crypto.randomUUID();
  });
  showRecipientFields();

  onSubmit(form, async (values) => {
    form.querySelector('.form-ok').hidden = true;
    const categories = [...form.elements.namedItem('categories').selectedOptions].map((o) => o.value);
    const named = values.recipientKind !== 'processor' && values.recipientKind !== 'subject';
    const body = {
      recipientKind: values.recipientKind,
      // The console records only what the policy allows: the recipient uses the data to provide the service (C28).
      recipientUse: 'service',
      ...(values.recipientKind === 'processor' && values.recipientId ? { recipientId: values.recipientId } : {}),
      ...(named && values.recipientName ? { recipientName: values.recipientName } : {}),
      ...(values.basis ? { basis: values.basis } : {}),
      ...(values.orderReference ? { orderReference: values.orderReference } : {}),
      purpose: values.purpose,
      categories,
      subjects: [{ type: values.subjectType, id: values.subjectId }],
    };
    // Staff record on a tenant's data, with the reason they look into it (audited with the entry).
    const staff = form.elements.namedItem('tenantId');
    if (staff) {
      await postOnce(`/api/staff/tenants/${encodeURIComponent(values.tenantId)}/disclosures`, body, key, { 'x-access-reason': values.accessReason });
      form.querySelector('.form-ok').hidden = false;
      key = crypto.randomUUID();
    } else {
      await postOnce('/api/disclosures', body, key);
      location.reload();
    }
  });
}
