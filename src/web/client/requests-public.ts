// The person's request pages: the form posts to the API; the confirmation page sends the link's
// token (never on page load: a mail scanner opening the link confirms nothing) and then shows
// where to follow the request.
import { api, onSubmit } from './lib/app.ts';

const form = document.getElementById('rq-form') as HTMLFormElement | null;
if (form) {
  onSubmit(form, async (values) => {
    await api('POST', `/api/privacy-center/${encodeURIComponent(form.dataset.tenant ?? '')}/requests`, { email: values.email, kind: values.kind, lang: form.dataset.lang === 'en' ? 'en' : 'vi' });
    form.hidden = true;
    (document.getElementById('rq-sent') as HTMLElement).hidden = false;
  });
}

const confirm = document.getElementById('rq-confirm') as HTMLFormElement | null;
if (confirm) {
  onSubmit(confirm, async () => {
    const token = new URL(location.href).searchParams.get('token') ?? '';
    const r = await api<{ statusCode: string | null }>('POST', '/api/privacy-center/requests/confirm', { token });
    confirm.hidden = true;
    const follow = document.getElementById('rq-follow') as HTMLAnchorElement;
    follow.href = `/privacy-center/requests/status/${encodeURIComponent(r.statusCode ?? '')}`;
    (document.getElementById('rq-confirmed') as HTMLElement).hidden = false;
  });
}
