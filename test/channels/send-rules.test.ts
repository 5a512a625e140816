import { describe, expect, it } from 'vitest';
import { decideSend, MESSENGER_WINDOW_MS, ZALO_FREE_REPLIES, ZALO_WINDOW_MS, type SendFacts } from '../../src/channels/send-rules.ts';

const NOW = Date.UTC(2026, 11, 2, 8);
const HOUR = 3_600_000;
const allow = { allow: true as const, basis: 'consent', evidence: 'c1', clause: 'C22' };
const facts = (f: Partial<SendFacts>): SendFacts => ({ platform: 'messenger', kind: 'reply', opt: null, lastInboundAt: NOW - HOUR, sentSinceInbound: 0, now: NOW, gate: allow, ...f });
const code = (f: Partial<SendFacts>) => { const d = decideSend(facts(f)); return d.allow ? 'allow' : d.code; };

describe('the send gate\'s platform windows and opt state', () => {
  it('[C11] after an opt-out only the confirmation of that opt-out goes; every other message is refused', () => {
    const opt = { kind: 'opt_out' as const, id: 'o1' };
    expect(code({ opt, kind: 'marketing' })).toBe('opted_out');
    expect(code({ opt, kind: 'reply' })).toBe('opted_out');
    expect(code({ opt, kind: 'opt_confirmation', confirms: 'o1' })).toBe('allow');
    expect(code({ opt, kind: 'opt_confirmation', confirms: 'older' })).toBe('opted_out');
    expect(code({ opt: { kind: 'opt_in', id: 'o2' }, kind: 'marketing' })).toBe('allow');
    // ECOMKEY's own refusal outranks everything (C29); the gate's refusals come next.
    expect(code({ gate: { allow: false, code: 'platform_contact_forbidden', clause: 'C29', reason: 'x' }, opt })).toBe('platform_contact_forbidden');
    expect(code({ gate: { allow: false, code: 'processing_objected', clause: 'C34', reason: 'x' } })).toBe('processing_objected');
  });

  it('[C19] Messenger: free within 24 hours of the person\'s last message; after it a tag, never for a promotion', () => {
    expect(code({ lastInboundAt: NOW - MESSENGER_WINDOW_MS })).toBe('allow');
    expect(code({ lastInboundAt: NOW - MESSENGER_WINDOW_MS - 1 })).toBe('window_closed');
    expect(code({ lastInboundAt: NOW - 30 * HOUR, tag: 'POST_PURCHASE_UPDATE' })).toBe('allow');
    expect(code({ lastInboundAt: NOW - 30 * HOUR, tag: 'POST_PURCHASE_UPDATE', kind: 'marketing' })).toBe('tag_not_for_promotion');
    expect(code({ lastInboundAt: NOW - 6 * 24 * HOUR, tag: 'HUMAN_AGENT' })).toBe('allow');
    expect(code({ lastInboundAt: NOW - 8 * 24 * HOUR, tag: 'HUMAN_AGENT' })).toBe('window_closed');
    expect(code({ lastInboundAt: null })).toBe('no_conversation');
  });

  it('[C19] Zalo: free replies within 48 hours, at most eight; Telegram: a bot that was started; tags only on Messenger', () => {
    expect(code({ platform: 'zalo', lastInboundAt: NOW - ZALO_WINDOW_MS + 1 })).toBe('allow');
    expect(code({ platform: 'zalo', lastInboundAt: NOW - ZALO_WINDOW_MS - 1 })).toBe('window_closed');
    expect(code({ platform: 'zalo', sentSinceInbound: ZALO_FREE_REPLIES - 1 })).toBe('allow');
    expect(code({ platform: 'zalo', sentSinceInbound: ZALO_FREE_REPLIES })).toBe('reply_limit_reached');
    expect(code({ platform: 'telegram', lastInboundAt: NOW - 400 * 24 * HOUR })).toBe('allow');
    expect(code({ platform: 'telegram', tag: 'ACCOUNT_UPDATE' })).toBe('tag_not_supported');
  });
});
