import { describe, expect, it } from 'vitest';
import { decide, type GateRequest } from '../../src/domain/gate.ts';
import { DENY_CODES } from '../../src/domain/gate-errors.ts';
import { FEATURES } from '../../src/domain/registry.ts';
import { DISCLOSURE_BASES, PROCESSING_BASES, PURPOSE_KEYS, USE_KEYS } from '../../src/domain/taxonomy/index.ts';
import { DAY, request, snapshotOf, T0 } from './gate-support.ts';

describe('gate: every decision is explained', () => {
  it('[C22] every decision names a consent or legal basis, or a refusal code with its clause', () => {
    const snap = snapshotOf('buyer', {
      consents: PURPOSE_KEYS.map((purpose, i) => ({ id: `c-${i}`, purpose, given: i % 3 !== 0, at: T0 + i * DAY, marketing: i % 2 === 0 })),
      restrictions: [{ id: 'r-1', kind: 'restriction', purpose: 'research', at: T0 }],
      legalBases: [{ id: 'lb-1', basis: 'contract', purposes: ['provide_service'], at: T0 }],
    });
    const bases = new Set<string>([...PROCESSING_BASES, ...DISCLOSURE_BASES]);
    const codes = new Set<string>(DENY_CODES);
    let allowed = 0;
    let refused = 0;
    for (const f of FEATURES) {
      for (const purpose of [...PURPOSE_KEYS, 'sale', 'nonsense']) {
        for (const use of USE_KEYS) {
          for (const basis of [undefined, ...DISCLOSURE_BASES]) {
            const req: GateRequest = request('buyer', {
              feature: f.name, purpose, use, categories: f.categories.length > 0 ? f.categories : ['user.name'],
              ...(basis ? { disclosure: { basis, recipientKind: 'service_provider', reference: 'ref-1', agreement: { id: 'dpa', categories: ['user'] } } } : {}),
            });
            const d = decide(snap, req);
            if (d.allow) {
              allowed++;
              expect(bases.has(d.basis)).toBe(true);
              expect(d.evidence).toBeTruthy();
            } else {
              refused++;
              expect(codes.has(d.code)).toBe(true);
              expect(d.clause).toMatch(/^C\d\d$/);
              expect(d.reason.length).toBeGreaterThan(10);
            }
          }
        }
      }
    }
    expect(allowed).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
