/**
 * A bound on what one sender may put into a channel account's webhook: at most FLOOD_MAX events
 * per FLOOD_WINDOW_MS per (account, platform user). Events beyond it are dropped before they
 * are stored — the delivery is still answered 200, because every platform retries (Telegram,
 * Messenger) or disables the webhook (Zalo) on anything else — and the first drop of each
 * window is audited by the caller. Other senders' events in the same delivery are kept.
 * The count lives in this process's memory: a flood spread over several servers is bounded per server.
 */
import type { ChannelEvent } from './events.ts';

// A person typing fast or a shop's burst of quick replies stays far under this; a script does not.
export const FLOOD_MAX = 60;
export const FLOOD_WINDOW_MS = 60_000;
// Beyond this many tracked senders the finished windows are pruned, so memory stays bounded.
const PRUNE_AT = 50_000;

type Window = { start: number; count: number };

export type FloodSplit = { kept: ChannelEvent[]; dropped: number; newlyFlooding: number };

export class FloodGuard {
  private readonly windows = new Map<string, Window>();
  constructor(private readonly max = FLOOD_MAX, private readonly windowMs = FLOOD_WINDOW_MS, private readonly now: () => number = Date.now) {}

  /** Splits a delivery's events: those within each sender's bound, and how many were dropped. */
  admit(accountId: string, events: readonly ChannelEvent[]): FloodSplit {
    const t = this.now();
    if (this.windows.size > PRUNE_AT) this.prune(t);
    const kept: ChannelEvent[] = [];
    let dropped = 0;
    let newlyFlooding = 0;
    for (const e of events) {
      const key = `${accountId}|${e.userId}`;
      let w = this.windows.get(key);
      if (!w || t - w.start >= this.windowMs) this.windows.set(key, (w = { start: t, count: 0 }));
      w.count++;
      if (w.count <= this.max) kept.push(e);
      else {
        dropped++;
        // The first drop of a sender's window is the one worth an audit entry.
        if (w.count === this.max + 1) newlyFlooding++;
      }
    }
    return { kept, dropped, newlyFlooding };
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}
