/* global document, location, URLSearchParams */
import { api, errorMessage, t } from './app.js';

const status = document.getElementById('verify-status');
const token = new URLSearchParams(location.search).get('token');
if (!token) {
  status.textContent = t('verify.missing');
} else {
  try {
    await api('POST', '/api/auth/verify-email', { token });
    status.textContent = t('verify.ok');
    document.getElementById('verify-next').hidden = false;
  } catch (err) {
    status.textContent = `${t('verify.failed')} ${errorMessage(err)}`;
  }
}
