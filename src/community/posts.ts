/**
 * Feedback and comments (C09). A post shows only the author's chosen username, their city and
 * what they wrote; before it is published the detector reads the text, and anything that looks
 * like contact data, an identity number, a card or a sensitive disclosure comes back as a warning
 * the author must see and confirm — the policy says a post is public and unprotected once out.
 * @clause C09 Public view: username, city and content only; the author is warned before posting.
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { inPlatform } from '../db/scope.ts';
import { detect, type PiiType, type Span } from '../detector/index.ts';
import { AppError } from '../errors.ts';

export const POST_KINDS = ['suggestion', 'compliment', 'issue', 'comment'] as const;
export type PostKind = (typeof POST_KINDS)[number];

// What would make a public post a leak: a way to reach or identify someone, or a special category.
const WARN: ReadonlySet<PiiType> = new Set(['EMAIL', 'PHONE', 'CARD', 'NATIONAL_ID', 'BANK_ACCOUNT', 'ADDRESS', 'DATE_OF_BIRTH', 'SENSITIVE']);

export type Warning = { type: PiiType; category?: string; start: number; end: number };

/** The detector's findings a post's author is warned about, in text order. */
export function postWarnings(text: string, lang: 'vi' | 'en'): Warning[] {
  return detect(text, { lang }).filter((s: Span) => WARN.has(s.type))
    .map((s) => ({ type: s.type, ...(s.category ? { category: s.category } : {}), start: s.start, end: s.end }));
}

export type NewPost = { kind: PostKind; thread: string; username: string; city: string; body: string; lang: 'vi' | 'en'; confirmed: boolean };
export type PublicPost = { id: string; kind: PostKind; username: string; city: string; body: string; postedAt: string };

/** Publishes a post, or refuses with the warnings when the author has not yet confirmed them. */
export async function publishPost(ctx: AppContext, userId: string, p: NewPost): Promise<PublicPost> {
  const warnings = [...postWarnings(p.body, p.lang), ...postWarnings(p.username, p.lang)];
  if (warnings.length > 0 && !p.confirmed) {
    throw new AppError(422, 'post_needs_review', 'This post looks like it holds personal data; it would be public', { warnings });
  }
  return inPlatform(ctx.db, async (tx) => {
    const [row] = await tx.query<{ id: string; created_at: Date }>(
      'INSERT INTO community_posts (kind, thread, user_id, username, city, body, warned) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at',
      [p.kind, p.thread, userId, p.username, p.city, p.body, [...new Set(warnings.map((w) => w.type))]]);
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: null, actor: { type: 'user', id: userId }, action: 'community.posted', target: { type: 'community_post', id: row!.id },
      details: { kind: p.kind, thread: p.thread, warned: warnings.map((w) => w.type) },
    });
    return { id: row!.id, kind: p.kind, username: p.username, city: p.city, body: p.body, postedAt: row!.created_at.toISOString() };
  });
}

/** A thread as anyone sees it: the three public fields and the time, newest first. */
export async function threadPosts(ctx: AppContext, thread: string, limit = 100): Promise<PublicPost[]> {
  const rows = await inPlatform(ctx.db, (tx) => tx.query<{ id: string; kind: PostKind; username: string; city: string; body: string; created_at: Date }>(
    'SELECT id, kind, username, city, body, created_at FROM community_posts WHERE thread = $1 ORDER BY created_at DESC LIMIT $2', [thread, limit]));
  return rows.map((r) => ({ id: r.id, kind: r.kind, username: r.username, city: r.city, body: r.body, postedAt: r.created_at.toISOString() }));
}
