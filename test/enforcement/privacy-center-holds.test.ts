import { expect, it } from 'vitest';
import { hashToken, newToken } from '../../src/crypto/keys.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { csrfForSubjectSession, SUBJECT_COOKIE } from '../../src/privacy-center/auth.ts';
import { createMerchant, createSubscriber } from '../support/factories.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';

/** A privacy-center session for a subject, as redeeming their mailed link opens one. */
async function centerSession(h: Harness, tenantId: string, subjectId: string): Promise<Record<string, string>> {
  const token = newToken();
  const hash = hashToken(token);
  await inPlatform(h.ctx.db, (tx) => tx.query(
    `INSERT INTO subject_sessions (token_hash, tenant_id, subject_type, subject_id, expires_at) VALUES ($1, $2, 'subscriber', $3, now() + interval '1 hour')`,
    [hash, tenantId, subjectId],
  ));
  return { cookie: `${SUBJECT_COOKIE}=${token}`, 'x-csrf-token': csrfForSubjectSession(h.ctx, hash) };
}

describeEachStore('held sensitive data in the privacy center', (h) => {
  it('[C14][C29] the person, not an ECOMKEY e-mail, answers a hold: they see it in the privacy center and have it deleted', async () => {
    const m = await createMerchant(h());
    const sid = await createSubscriber(h(), m.tenantId);
    const other = await createSubscriber(h(), m.tenantId);
    const note = await h().app.inject({ method: 'POST', url: `/api/subscribers/${sid}/notes`, headers: m.headers, payload: { text: 'Em bị tiểu đường type 2' } });
    expect(note.json()).toMatchObject({ sensitiveHeld: true });
    expect(await h().ctx.db.query('SELECT 1 FROM outbox')).toEqual([]);

    const mine = await centerSession(h(), m.tenantId, sid);
    const list = await h().app.inject({ method: 'GET', url: '/api/privacy-center/me/held-sensitive', headers: mine });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ status: 'held', categories: ['user.health'] })]);
    const heldId = list.json().items[0].id as string;
    // Nobody else answers it: not another Subscriber of the shop, not an anonymous caller.
    const theirs = await centerSession(h(), m.tenantId, other);
    expect((await h().app.inject({ method: 'GET', url: '/api/privacy-center/me/held-sensitive', headers: theirs })).json().items).toEqual([]);
    expect((await h().app.inject({ method: 'POST', url: `/api/privacy-center/me/held-sensitive/${heldId}/delete`, headers: theirs })).statusCode).toBe(409);
    expect((await h().app.inject({ method: 'POST', url: `/api/privacy-center/me/held-sensitive/${heldId}/delete` })).statusCode).toBe(401);

    const del = await h().app.inject({ method: 'POST', url: `/api/privacy-center/me/held-sensitive/${heldId}/delete`, headers: mine });
    expect([del.statusCode, del.json().status]).toEqual([200, 'deleted']);
    const [raw] = await h().ctx.db.query<{ sealed_value: string | null }>('SELECT sealed_value FROM held_sensitive_data WHERE id = $1', [heldId]);
    expect(raw!.sealed_value).toBeNull();
  });
});
