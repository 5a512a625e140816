import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { insertStaff } from '../accounts/staff.ts';
import { createTenant } from '../accounts/tenants.ts';
import { insertUser, userEmailIndex } from '../accounts/users.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { hashPassword } from '../crypto/password.ts';
import { inPlatform, inTenant } from '../db/scope.ts';
import { publishInitialPolicies } from '../policies/initial.ts';
import { recordAgreement, registerProcessor } from '../disclosures/processors.ts';
import { processorFor } from '../payments/index.ts';
import { MAIL_CATEGORIES } from '../mail/delivery.ts';
import { PAYMENT_CATEGORIES } from '../payments/upgrade.ts';
import { insertBuyer } from '../subjects/buyers.ts';
import { insertSubscriber } from '../subjects/subscribers.ts';
import { createSite } from '../analytics/sites.ts';

export const DEMO = {
  tenantName: 'Shop Hoa Mai',
  login: { email: 'lan@hoamai.example', password: 'hoamai-demo-2026' },
  staffLogin: { email: 'thao@ecomkey.example', password: 'ecomkey-staff-2026' },
} as const;

const SUBSCRIBERS = [
  { channel: 'zalo', name: 'Nguyễn Văn Minh', phone: '0912345678', source: 'channel:zalo' },
  { channel: 'messenger', name: 'Trần Thị Thu', phone: '0987654321', source: 'channel:messenger' },
  { channel: 'telegram', name: 'Lê Hoàng Nam', phone: null, source: 'channel:telegram' },
] as const;

const BUYERS = [
  { name: 'Phạm Quốc Bảo', email: 'bao.pham@example.com', phone: '0903111222', address: '12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM' },
  { name: 'Võ Thị Hạnh', email: 'hanh.vo@example.com', phone: '0938444555', address: '45 Trần Phú, Hải Châu, Đà Nẵng' },
] as const;

/** Seeds the demo merchant on first start; a second call finds it and does nothing. */
export async function seedDemo(ctx: AppContext): Promise<{ created: boolean } & typeof DEMO> {
  await publishInitialPolicies(ctx);
  const [existing] = await ctx.db.query('SELECT 1 FROM users WHERE email_bidx = $1', [userEmailIndex(ctx.keys, DEMO.login.email)]);
  if (existing) return { created: false, ...DEMO };
  const [ownerHash, staffHash] = await Promise.all([hashPassword(DEMO.login.password), hashPassword(DEMO.staffLogin.password)]);
  const { tenantId, staffId } = await inPlatform(ctx.db, async (tx) => {
    const t = { id: await createTenant(tx, keyringFor(ctx.config), DEMO.tenantName) };
    const u = {
      id: await insertUser(tx, ctx.keys, {
        email: DEMO.login.email, name: 'Nguyễn Thị Lan', company: DEMO.tenantName, billingAddress: '88 Hoa Mai, P. 2, Q. Phú Nhuận, TP.HCM',
        passwordHash: ownerHash, locale: 'vi', verified: true,
      }),
    };
    await tx.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'owner')`, [t.id, u.id]);
    const staffId = await insertStaff(tx, ctx.keys, { email: DEMO.staffLogin.email, name: 'Thảo', role: 'privacy_officer', passwordHash: staffHash });
    await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'system', id: null }, action: 'demo.seeded', target: { type: 'tenant', id: t.id } });
    return { tenantId: t.id, staffId };
  });
  // ECOMKEY's payment processor with its agreement on file (C26), so the paid-plan upgrade works.
  const officer = { kind: 'staff' as const, staffId, role: 'privacy_officer' as const, sessionHash: '' };
  const processor = await registerProcessor(ctx, officer, { name: processorFor(ctx.config).name, kind: 'payment' });
  await recordAgreement(ctx, officer, processor.id, {
    signedAt: '2025-01-01', effectiveFrom: '2025-01-01', categories: [...PAYMENT_CATEGORIES], purposes: ['process_payment'],
    retention: 'For the life of the subscription, then 10 years (Accounting Law)', retentionDays: 3650, documentRef: 'DPA-2025-PAY', bindsToPolicy: true,
  });
  // ECOMKEY's e-mail provider with its agreement (C26): without one, no mail leaves (src/mail/delivery.ts).
  const mailer = await registerProcessor(ctx, officer, { name: 'Demo SMTP relay', kind: 'email' });
  await recordAgreement(ctx, officer, mailer.id, {
    signedAt: '2025-01-01', effectiveFrom: '2025-01-01', categories: [...MAIL_CATEGORIES], purposes: ['communicate', 'authenticate'],
    retention: 'Delivery logs 30 days', retentionDays: 30, documentRef: 'DPA-2025-MAIL', bindsToPolicy: true,
  });
  await inTenant(ctx.db, tenantId, async (tx) => {
    for (const s of SUBSCRIBERS) {
      await insertSubscriber(tx, ctx.keys, tenantId, { channel: s.channel, displayName: s.name, phone: s.phone ?? undefined, source: s.source, legalBasis: 'consent' });
    }
    for (const b of BUYERS) await insertBuyer(tx, ctx.keys, tenantId, { ...b, source: 'registration' });
    // The demo website (issue 14), served by this server at /demo: its origin is the server's own.
    await createSite(tx, tenantId, { origins: [new URL(ctx.config.publicUrl).origin], searchParam: 'q' });
  });
  return { created: true, ...DEMO };
}
