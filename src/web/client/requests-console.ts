// The inbox's buttons: each posts one action to the API (once per click, with the session's
// CSRF token) and reloads the page, which reads the request's new state.
import { showError } from './lib/app.ts';
import { postOnce } from './lib/console.ts';

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
  button.addEventListener('click', async () => {
    const action = button.dataset.action ?? '';
    const reason = (document.getElementById(`rq-${action}-reason`) as HTMLSelectElement | null)?.value;
    button.disabled = true;
    try {
      await postOnce(`/api/requests/${encodeURIComponent(button.dataset.request ?? '')}/${action}`, reason ? { reason } : {}, crypto.randomUUID());
      location.reload();
    } catch (err) {
      button.disabled = false;
      const panel = document.getElementById('rq-detail') as HTMLElement;
      showError(panel as unknown as HTMLFormElement, err);
    }
  });
}
