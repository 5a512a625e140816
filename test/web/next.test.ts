import { describe, expect, it } from 'vitest';
import { sameOriginNext } from '../../src/web/shared/next.ts';
import { bootHarness } from '../support/harness.ts';
import { ESCAPES } from '../support/redirects.ts';

const ORIGIN = 'https://pledge.example';

describe('sign-in next', () => {
  it('an open-redirect attempt after sign-in stays on the site', () => {
    for (const next of ESCAPES) {
      const to = sameOriginNext(next, ORIGIN, '/profile');
      expect(new URL(to, ORIGIN).origin, next).toBe(ORIGIN);
      expect(to.startsWith('//'), next).toBe(false);
    }
  });

  it('a path on the site is followed with its query and fragment', () => {
    expect(sameOriginNext('/console/subjects?cursor=a#top', ORIGIN, '/profile')).toBe('/console/subjects?cursor=a#top');
    expect(sameOriginNext(`${ORIGIN}/privacy-center`, ORIGIN, '/profile')).toBe('/privacy-center');
    expect(sameOriginNext(null, ORIGIN, '/profile')).toBe('/profile');
  });

  it('the sign-in page carries only a same-origin next', async () => {
    const h = await bootHarness('pglite');
    try {
      for (const next of ESCAPES) {
        const res = await h.app.inject({ method: 'GET', url: `/signin?next=${encodeURIComponent(next)}` });
        const given = /data-next="([^"]*)"/.exec(res.body)?.[1];
        expect(given, next).toBeDefined();
        expect(new URL(given!.replace(/&amp;/g, '&'), ORIGIN).origin, next).toBe(ORIGIN);
      }
      const ok = await h.app.inject({ method: 'GET', url: '/signin?next=%2Fconsole%2Fprocessors' });
      expect(ok.body).toContain('data-next="/console/processors"');
    } finally {
      await h.app.close();
      await h.ctx.db.close();
    }
  }, 180_000);
});
