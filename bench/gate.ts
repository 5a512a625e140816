/**
 * The gate, in process, on one core: decisions per second for a subject with 20 consent
 * records and 5 restrictions, over a mix of allowed and refused requests.
 * Target (issue 4): at least 1,000,000 decisions/s. Run: `npx tsx bench/gate.ts [seconds]`.
 */
import { buildSnapshot, decide, type ConsentRecord, type GateRequest, type RestrictionRecord } from '../src/domain/gate.ts';
import { PURPOSE_KEYS } from '../src/domain/taxonomy/index.ts';

const TARGET = 1_000_000;
const seconds = Number(process.argv[2] ?? 5);
const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00Z');
const NOW = T0 + 400 * DAY;

// 20 consent records: every purpose given, some withdrawn and given again, marketing on `contact`.
const consents: ConsentRecord[] = Array.from({ length: 20 }, (_, i) => ({
  id: `c-${i}`,
  purpose: PURPOSE_KEYS[i % PURPOSE_KEYS.length]!,
  given: i % 7 !== 3,
  at: T0 + i * DAY,
  marketing: PURPOSE_KEYS[i % PURPOSE_KEYS.length] === 'contact',
}));
// 5 restrictions: two live, two lifted by the subject, one on a category subtree.
const restrictions: RestrictionRecord[] = [
  { id: 'r-1', kind: 'restriction', purpose: 'research', at: T0 + 30 * DAY },
  { id: 'r-2', kind: 'objection', purpose: 'improve_service', at: T0 + 31 * DAY },
  { id: 'r-3', kind: 'restriction', purpose: 'contact', at: T0 + 32 * DAY, lifted: { at: T0 + 40 * DAY, by: 'subject' } },
  { id: 'r-4', kind: 'objection', purpose: null, at: T0 + 33 * DAY, lifted: { at: T0 + 41 * DAY, by: 'subject' } },
  { id: 'r-5', kind: 'restriction', purpose: null, category: 'user.location', at: T0 + 34 * DAY },
];
const snap = buildSnapshot({
  subject: { type: 'subscriber', id: 's-1', tenantId: 't-1' },
  consents,
  restrictions,
  legalBases: [{ id: 'lb-1', basis: 'contract', purposes: ['provide_service', 'communicate'], at: T0 }],
});

const subject = { type: 'subscriber', id: 's-1', tenantId: 't-1' } as const;
const base = { subject, at: NOW } as const;
const REQUESTS: GateRequest[] = [
  { ...base, feature: 'messaging.broadcast', purpose: 'contact', use: 'marketing_message', categories: ['user.contact.phone', 'user.name'] },
  { ...base, feature: 'messaging.broadcast', purpose: 'communicate', use: 'messaging', categories: ['user.contact.email'] },
  { ...base, feature: 'subscribers.read', purpose: 'provide_service', categories: ['user.name', 'user.contact.email', 'user.contact.phone'] },
  { ...base, feature: 'exports.subject', purpose: 'provide_service', use: 'export', categories: ['user.location'] },
  { ...base, feature: 'disclosures.record', purpose: 'research', use: 'disclosure', categories: ['user.contact.email'], disclosure: { basis: 'subject_permission', recipientKind: 'other_company' } },
  { ...base, feature: 'disclosures.record', purpose: 'improve_service', categories: ['user.contact.email'] },
  { ...base, feature: 'messaging.broadcast', purpose: 'sale', categories: ['user.contact.email'] },
  { ...base, feature: 'disclosures.record', purpose: 'prevent_fraud', use: 'disclosure', categories: ['user.name'], disclosure: { basis: 'required_by_law', recipientKind: 'authority', reference: 'court-1' } },
];

const counts = new Map<string, number>();
for (const r of REQUESTS) {
  const d = decide(snap, r);
  const k = d.allow ? `allow:${d.basis}` : `deny:${d.code}`;
  counts.set(k, (counts.get(k) ?? 0) + 1);
}

/** Runs `n` decisions round-robin over the mix; returns allowed count so nothing is optimised away. */
function run(n: number): number {
  let allowed = 0;
  const len = REQUESTS.length;
  for (let i = 0; i < n; i++) if (decide(snap, REQUESTS[i % len]!).allow) allowed++;
  return allowed;
}

run(2_000_000); // warm-up: let the JIT settle
const batch = 1_000_000;
let total = 0;
let sink = 0;
const cpu0 = process.cpuUsage();
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(seconds * 1e9));
while (process.hrtime.bigint() < deadline) {
  sink += run(batch);
  total += batch;
}
const ns = Number(process.hrtime.bigint() - start);
const cpu = process.cpuUsage(cpu0);
// On a shared machine the wall clock includes time other processes held the core: CPU time is
// what one core actually spent, so the target is judged on it and both are printed.
const cpuNs = (cpu.user + cpu.system) * 1000;
const perSec = (total / cpuNs) * 1e9;
const perSecWall = (total / ns) * 1e9;

console.log(`gate: subject with ${consents.length} consents, ${restrictions.length} restrictions; mix ${JSON.stringify(Object.fromEntries(counts))}`);
console.log(`gate: ${total.toLocaleString('en')} decisions in ${(cpuNs / 1e9).toFixed(2)} s CPU → ${Math.round(perSec).toLocaleString('en')} decisions/s, ${(cpuNs / total).toFixed(1)} ns/decision (allowed ${sink.toLocaleString('en')})`);
console.log(`gate: wall clock ${(ns / 1e9).toFixed(2)} s → ${Math.round(perSecWall).toLocaleString('en')} decisions/s (lower when other processes share the core)`);
console.log(`gate: target ${TARGET.toLocaleString('en')}/s ${perSec >= TARGET ? 'MET' : 'MISSED'}`);
