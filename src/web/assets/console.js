/* global fetch */
// The console's writes: JSON with the session's CSRF token and an Idempotency-Key, so a double
// click or a retry after a dropped connection records once (the API replays its first answer).
import { ApiError, session, t } from './app.js';

export async function postOnce(path, body, key, extraHeaders = {}) {
  const s = await session();
  let res;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': s?.csrfToken ?? '', 'idempotency-key': key, ...extraHeaders },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'network', title: t('common.network') });
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data ?? { code: 'unknown', title: t('common.unknown') });
  return data;
}
