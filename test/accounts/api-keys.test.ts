import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant } from '../support/factories.ts';
import { hashToken } from '../../src/crypto/keys.ts';
import { signUpAndSignIn } from './support.ts';

describeEachStore('API keys', (h) => {
  it('a key is shown once, stored only as a hash, works as a bearer token and stops working when revoked', async () => {
    const a = await signUpAndSignIn(h());
    const res = await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: a.headers, payload: { name: 'shop server', role: 'agent' } });
    expect(res.statusCode).toBe(201);
    const { id, key, prefix } = res.json() as { id: string; key: string; prefix: string };
    expect(key).toMatch(new RegExp(`^pk_${prefix}_`));
    const secret = key.split('_').slice(2).join('_');
    const [row] = await h().ctx.db.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = $1', [id]);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row!.key_hash).toBe(hashToken(secret));

    const list = await h().app.inject({ method: 'GET', url: '/api/api-keys', headers: a.headers });
    expect(list.json().items).toEqual([expect.objectContaining({ id, prefix, name: 'shop server', role: 'agent', revokedAt: null })]);
    expect(list.body).not.toContain(secret);

    // No CSRF token with a bearer key: browsers never send it on their own.
    const bearer = { authorization: `Bearer ${key}` };
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    expect((await h().app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: a.headers })).statusCode).toBe(204);
    expect((await h().app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: a.headers })).statusCode).toBe(204);
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401);
    const audit = await h().ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq`, [id]);
    expect(audit.map((r) => r.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('the key list shows when a key was last used; the time is written at most once a minute per key', async () => {
    const a = await signUpAndSignIn(h());
    const { id, key } = (await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: a.headers, payload: { name: 'bot', role: 'agent' } })).json();
    const lastUsed = async () =>
      ((await h().app.inject({ method: 'GET', url: '/api/api-keys', headers: a.headers })).json().items as Array<{ id: string; lastUsedAt: string | null }>)
        .find((k) => k.id === id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const bearer = { authorization: `Bearer ${key}` };
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    let first: string | null = null;
    for (let i = 0; i < 100 && !first; i++) {
      first = await lastUsed();
      if (!first) await new Promise((r) => setTimeout(r, 10));
    }
    expect(first).not.toBeNull();
    expect(Date.now() - Date.parse(first!)).toBeLessThan(60_000);
    // A second call within the minute does not write again.
    await new Promise((r) => setTimeout(r, 20));
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(await lastUsed()).toBe(first);
  });

  it('[C29] another tenant\'s key id answers 404 and stays valid', async () => {
    const a = await signUpAndSignIn(h());
    const b = await signUpAndSignIn(h());
    const created = await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: b.headers, payload: { name: 'b', role: 'admin' } });
    const res = await h().app.inject({ method: 'DELETE', url: `/api/api-keys/${created.json().id}`, headers: a.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await h().app.inject({ method: 'GET', url: '/api/api-keys', headers: a.headers })).json().items).toEqual([]);
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${created.json().key}` } })).statusCode).toBe(200);
  });

  it('an agent, or a server holding a key, cannot manage keys; bad ids and bodies are refused', async () => {
    const agent = await createMerchant(h(), { role: 'agent' });
    const denied = await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: agent.headers, payload: { name: 'x', role: 'agent' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('role_forbidden');

    const owner = await signUpAndSignIn(h());
    const key = (await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: owner.headers, payload: { name: 'k', role: 'admin' } })).json().key;
    const viaKey = await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: { authorization: `Bearer ${key}` }, payload: { name: 'y', role: 'admin' } });
    expect(viaKey.statusCode).toBe(403);

    expect((await h().app.inject({ method: 'DELETE', url: '/api/api-keys/not-a-uuid', headers: owner.headers })).json().code).toBe('validation_failed');
    for (const payload of [{ name: 'x', role: 'owner' }, { name: 'x', role: 'admin', extra: 1 }, { role: 'admin' }]) {
      expect((await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: owner.headers, payload })).statusCode).toBe(400);
    }
  });
});
