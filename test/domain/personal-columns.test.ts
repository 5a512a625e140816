import { describe, expect, it } from 'vitest';
import { columnTokens, findStale, findUndeclared, looksPersonal } from '../../src/domain/personal-columns.ts';

describe('personal-looking columns', () => {
  it('[C06] names that hold contact, identity, financial or sensitive data look personal', () => {
    for (const name of [
      'email', 'customer_phone', 'display_name', 'billing_address', 'to_address', 'ip_truncated', 'dob', 'date_of_birth', 'birth_year',
      'passport_no', 'national_id', 'cccd', 'bank_account', 'card_last4', 'password_hash', 'user_agent', 'external_id', 'latitude',
      'health_notes', 'notes', 'body_text', 'customerPhone', 'zalo_user', 'religion',
    ]) expect(looksPersonal(name), name).toBe(true);
  });

  it('[C06] ids, timestamps, hashes and codes do not look personal', () => {
    for (const name of [
      'id', 'tenant_id', 'user_id', 'created_at', 'email_verified_at', 'content_hash', 'token_hash', 'key_hash', 'plan', 'role', 'kind',
      'locale', 'attempts', 'published_by', 'significant', 'prev_hash', 'seq', 'zipper', 'shipping', 'ipsum',
    ]) expect(looksPersonal(name), name).toBe(false);
  });

  it('[C06] camelCase and snake_case split into the same tokens', () => {
    expect(columnTokens('customerPhoneNumber')).toEqual(['customer', 'phone', 'number']);
    expect(columnTokens('customer_phone_number')).toEqual(['customer', 'phone', 'number']);
  });

  it('[C06] findUndeclared reports a personal-looking column neither declared nor exempted', () => {
    const registry = { personal: [{ table: 'buyers', column: 'email' }], exempt: [{ table: 'api_keys', column: 'name' }] };
    const columns = [
      { table: 'buyers', column: 'email' }, { table: 'buyers', column: 'notes' }, { table: 'buyers', column: 'created_at' },
      { table: 'api_keys', column: 'name' }, { table: 'orders', column: 'customer_phone' },
    ];
    expect(findUndeclared(columns, registry)).toEqual([{ table: 'buyers', column: 'notes' }, { table: 'orders', column: 'customer_phone' }]);
    expect(findStale(columns, { ...registry, personal: [...registry.personal, { table: 'buyers', column: 'emial' }] })).toEqual([{ table: 'buyers', column: 'emial' }]);
  });
});
