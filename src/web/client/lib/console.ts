// The console's writes: JSON with the session's CSRF token and an Idempotency-Key, so a double
// click or a retry after a dropped connection records once (the API replays its first answer).
import { ApiError, session, t, type Problem } from './app.ts';

export async function postOnce<T = unknown>(path: string, body: unknown, key: string, extraHeaders: Record<string, string> = {}): Promise<T> {
  const s = await session();
  let res: Response;
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
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, (data as Problem | null) ?? { code: 'unknown', title: t('common.unknown') });
  return data as T;
}

/** A fresh Idempotency-Key whenever the form changes: one key per filled-in form. */
export function keyPerEdit(form: HTMLFormElement): { key(): string; renew(): void } {
  let key = crypto.randomUUID();
  const renew = (): void => {
    key = crypto.randomUUID();
  };
  form.addEventListener('input', renew);
  return { key: () => key, renew };
}

/** The values picked in a multiple select. */
export const selected = (form: HTMLFormElement, name: string): string[] =>
  [...((form.elements.namedItem(name) as HTMLSelectElement | null)?.selectedOptions ?? [])].map((o) => o.value);
