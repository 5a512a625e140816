/** The visitor's choice as the SDK keeps it: one necessary cookie, read and written here only. */
export type Choice = { analytics: boolean; marketing: boolean; gpc: boolean; notice: string; at: number };
export type Listener = (c: Choice) => void;

const NAME = 'pledge_consent';

/** The stored choice, or null when none was made for this notice version. */
export function readChoice(notice: string): Choice | null {
  const m = new RegExp(`(?:^|; )${NAME}=([^;]*)`).exec(document.cookie);
  if (!m) return null;
  const [v, a, mk, g, t] = decodeURIComponent(m[1]!).split('|');
  return v === notice ? { notice: v, analytics: a === '1', marketing: mk === '1', gpc: g === '1', at: Number(t) } : null;
}

/** Stores the choice for 180 days. */
export function writeChoice(c: Choice): void {
  const v = [c.notice, +c.analytics, +c.marketing, +c.gpc, c.at].join('|');
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
