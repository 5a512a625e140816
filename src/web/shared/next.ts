/**
 * Where to go after signing in: a path on this site, never another origin. Parsed as the
 * browser will parse it (`/\evil.example`, a tab in `/\t/evil.example` and `//evil.example`
 * all name another host), and shared by the server and the browser so both decide alike.
 */
export function sameOriginNext(next: string | null | undefined, origin: string, fallback: string): string {
  if (typeof next !== 'string' || next === '') return fallback;
  let u: URL;
  try {
    u = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (u.origin !== new URL(origin).origin) return fallback;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as a host.
  return u.pathname.replace(/^\/+/, '/') + u.search + u.hash;
}
