import { api, byId, errorMessage, t, type In } from './lib/app.ts';
import type { VerifyEmailBody } from '../../routes/auth/schema.ts';

const status = byId('verify-status');
const token = new URLSearchParams(location.search).get('token');
if (!token) {
  status.textContent = t('verify.missing');
} else {
  try {
    const body: In<typeof VerifyEmailBody> = { token };
    await api('POST', '/api/auth/verify-email', body);
    status.textContent = t('verify.ok');
    byId('verify-next').hidden = false;
  } catch (err) {
    status.textContent = `${t('verify.failed')} ${errorMessage(err)}`;
  }
}
