import { buildSnapshot, type GateRequest, type SubjectRecords, type SubjectSnapshot } from '../../src/domain/gate.ts';
import type { SubjectType } from '../../src/domain/taxonomy/index.ts';

export const T0 = Date.parse('2025-01-01T00:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;
export const NOW = T0 + 100 * DAY;

const IDS: Record<SubjectType, string> = {
  customer: 'u-1', subscriber: 's-1', buyer: 'b-1', visitor: 'v-1', staff: 'st-1', minor: 'm-1',
};

/** A snapshot of one subject of `type` in tenant t-1, from whatever records the test gives. */
export function snapshotOf(type: SubjectType, records: Omit<SubjectRecords, 'subject'> = {}): SubjectSnapshot {
  return buildSnapshot({ subject: { type, id: IDS[type], tenantId: 't-1' }, ...records });
}

/** A request about that same subject; the test overrides what it is about. */
export function request(type: SubjectType, over: Partial<GateRequest> & Pick<GateRequest, 'feature' | 'purpose'>): GateRequest {
  return { subject: { type, id: IDS[type], tenantId: 't-1' }, categories: ['user.contact.email'], at: NOW, ...over };
}
