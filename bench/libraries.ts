// Adapters that run the four JavaScript PII libraries and turn their output into spans
// (type mapped onto Pledge's types where one exists, 'OTHER' otherwise, which still counts
// for any-PII F1). Libraries that only return redacted text are aligned back onto the input.
import type { SimpleSpan } from '../corpus/score.ts';

export interface Detector {
  name: string;
  /** Null when the library could not be loaded; `error` then says why. */
  run: ((text: string) => Promise<SimpleSpan[]>) | null;
  error?: string;
}

const MARK_RE = /\uE000([a-z])\uE001/g;

/** Recovers spans from a text in which each entity was replaced by \uE000<letter>\uE001. */
export function alignRedacted(original: string, redacted: string, types: Record<string, string>): SimpleSpan[] {
  const spans: SimpleSpan[] = [];
  const parts: Array<{ lit: string } | { mark: string }> = [];
  let last = 0;
  for (const m of redacted.matchAll(MARK_RE)) {
    parts.push({ lit: redacted.slice(last, m.index) });
    parts.push({ mark: m[1] as string });
    last = (m.index as number) + m[0].length;
  }
  parts.push({ lit: redacted.slice(last) });
  let pos = 0;
  let pending: string[] = [];
  for (const p of parts) {
    if ('mark' in p) {
      pending.push(p.mark);
      continue;
    }
    const at = pending.length === 0 ? pos : p.lit === '' ? original.length : original.indexOf(p.lit, pos);
    if (at < 0) return spans; // the library changed text outside entities; stop aligning
    if (pending.length > 0 && at > pos) spans.push({ type: types[pending[0] as string] ?? 'OTHER', start: pos, end: at });
    pending = [];
    pos = at + p.lit.length;
  }
  return spans;
}

function failed(name: string, err: unknown): Detector {
  return { name, run: null, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
}

/** Turns a library's fixed labels (PHONE_NUMBER...) into alignment marks, then aligns. */
function labelAligner(labels: ReadonlyArray<[string, string]>): (original: string, redacted: string) => SimpleSpan[] {
  const letters = 'abcdefghijklmnopqrstuvwxy';
  const code = Object.fromEntries(labels.map(([l], i) => [l, letters[i] as string]));
  const types = Object.fromEntries(labels.map(([, t], i) => [letters[i] as string, t]));
  const re = new RegExp(`\\b(?:${labels.map(([l]) => l).sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
  return (original, redacted) => alignRedacted(original, redacted.replace(re, (l) => `\uE000${code[l]}\uE001`), types);
}

async function loadRedactPii(): Promise<Detector> {
  try {
    const mod = (await import('redact-pii')) as unknown as { SyncRedactor: new (o?: unknown) => { redact(t: string): string } };
    const r = new mod.SyncRedactor();
    const align = labelAligner([
      ['CREDIT_CARD_NUMBER', 'CARD'], ['EMAIL_ADDRESS', 'EMAIL'], ['IP_ADDRESS', 'IP_ADDRESS'], ['PERSON_NAME', 'PERSON'],
      ['PHONE_NUMBER', 'PHONE'], ['STREET_ADDRESS', 'ADDRESS'], ['US_SOCIAL_SECURITY_NUMBER', 'NATIONAL_ID'],
      ['ZIPCODE', 'ADDRESS'], ['CREDENTIALS', 'OTHER'], ['PASSWORD', 'OTHER'], ['USERNAME', 'OTHER'], ['URL', 'OTHER'],
      ['DIGITS', 'OTHER'],
    ]);
    return { name: 'redact-pii', run: async (t) => align(t, r.redact(t)) };
  } catch (err) {
    return failed('redact-pii', err);
  }
}

async function loadRedactPiiNode(): Promise<Detector> {
  try {
    const mod = (await import('@redactpii/node')) as unknown as { Redactor: new (o: unknown) => { redact(t: string): string } };
    const r = new mod.Redactor({ rules: { CREDIT_CARD: true, EMAIL: true, NAME: true, PHONE: true, SSN: true } });
    const align = labelAligner([
      ['CREDIT_CARD_NUMBER', 'CARD'], ['EMAIL_ADDRESS', 'EMAIL'], ['PERSON_NAME', 'PERSON'], ['PHONE_NUMBER', 'PHONE'],
      ['US_SOCIAL_SECURITY_NUMBER', 'NATIONAL_ID'], ['CREDIT_CARD', 'CARD'],
    ]);
    return { name: '@redactpii/node', run: async (t) => align(t, r.redact(t)) };
  } catch (err) {
    return failed('@redactpii/node', err);
  }
}

function mapOpenRedactionType(t: string): string {
  const u = t.toUpperCase();
  if (u.includes('EMAIL')) return 'EMAIL';
  if (u.includes('CARD') || u.includes('PAN')) return 'CARD';
  if (u.includes('PHONE') || u.includes('MOBILE') || u.includes('TEL')) return 'PHONE';
  if (u.includes('IP')) return 'IP_ADDRESS';
  if (u.includes('SSN') || u.includes('PASSPORT') || u.includes('NATIONAL') || u.includes('ID_CARD') || u.includes('LICENSE')) return 'NATIONAL_ID';
  if (u.includes('NAME') || u.includes('PERSON')) return 'PERSON';
  if (u.includes('ADDRESS') || u.includes('POSTCODE') || u.includes('ZIP')) return 'ADDRESS';
  if (u.includes('BIRTH') || u.includes('DOB')) return 'DATE_OF_BIRTH';
  if (u.includes('IBAN') || u.includes('ACCOUNT') || u.includes('SORT_CODE') || u.includes('ROUTING')) return 'BANK_ACCOUNT';
  return 'OTHER';
}

async function loadOpenRedaction(): Promise<Detector> {
  try {
    const mod = (await import('openredaction')) as unknown as {
      OpenRedaction: new (o: unknown) => { detect(t: string): Promise<{ detections: Array<{ type: string; position: [number, number] }> }> };
    };
    const r = new mod.OpenRedaction({ redactionMode: 'placeholder' });
    return {
      name: 'openredaction',
      run: async (t) => (await r.detect(t)).detections.map((d) => ({ type: mapOpenRedactionType(d.type), start: d.position[0], end: d.position[1] })),
    };
  } catch (err) {
    return failed('openredaction', err);
  }
}

async function loadArcjet(): Promise<Detector> {
  try {
    const mod = (await import('@arcjet/redact')) as unknown as {
      redact(t: string, o: { replace: (entity: string) => string }): Promise<[string, unknown]>;
    };
    const code: Record<string, string> = { 'credit-card-number': 'a', email: 'b', 'ip-address': 'c', 'phone-number': 'd' };
    const types = { a: 'CARD', b: 'EMAIL', c: 'IP_ADDRESS', d: 'PHONE' };
    await mod.redact('warm up 0912345678', { replace: () => '\uE000a\uE001' });
    return {
      name: '@arcjet/redact',
      run: async (t) => {
        const [red] = await mod.redact(t, { replace: (e) => `\uE000${code[e] ?? 'z'}\uE001` });
        return alignRedacted(t, red, types);
      },
    };
  } catch (err) {
    return failed('@arcjet/redact', err);
  }
}

/** Loads the four comparison libraries; a library that fails to load is reported, not fatal. */
export async function loadLibraries(): Promise<Detector[]> {
  return [await loadRedactPii(), await loadOpenRedaction(), await loadRedactPiiNode(), await loadArcjet()];
}
