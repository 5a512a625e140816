/**
 * The visitor's choice as the SDK keeps it: one necessary cookie, read and written here only.
 * `id` is the consent id the ledger issued with the first recorded choice (empty until then): it
 * outlives a notice change, so the ledger sees one visitor's choices together.
 */
export type Choice = { analytics: boolean; marketing: boolean; gpc: boolean; notice: string; at: number; id: string };
export type Listener = (c: Choice) => void;

const NAME = 'pledge_consent';

const stored = (): string[] => {
  const m = new RegExp(`(?:^|; )${NAME}=([^;]*)`).exec(document.cookie);
  return m ? decodeURIComponent(m[1]!).split('|') : [];
};

/** The stored choice, or null when none was made for this notice version (the banner asks again). */
export function readChoice(notice: string): Choice | null {
  const [v, a, mk, g, t, id] = stored();
  return v === notice ? { notice: v, analytics: a === '1', marketing: mk === '1', gpc: g === '1', at: Number(t), id: id ?? '' } : null;
}

/** The consent id of any earlier choice, whatever notice it was made under. */
export const readConsentId = (): string => stored()[5] ?? '';

/** Stores the choice for 180 days. */
export function writeChoice(c: Choice): void {
  const v = [c.notice, +c.analytics, +c.marketing, +c.gpc, c.at, c.id].join('|');
  document.cookie = `${NAME}=${encodeURIComponent(v)}; path=/; max-age=15552000; SameSite=Lax`;
}

/** Deletes the named cookies on this host and its parent domains. */
export function clearCookies(names: readonly string[]): void {
  const parts = location.hostname.split('.');
  for (const n of names) {
    for (let i = 0; i < parts.length; i++) {
      const d = parts.slice(i).join('.');
      document.cookie = `${n}=; path=/; max-age=0; domain=${d}`;
    }
    document.cookie = `${n}=; path=/; max-age=0`;
  }
}

/** A random (v4) uuid: `crypto.randomUUID` exists only in secure contexts. */
export const uuid = (): string => '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16));
