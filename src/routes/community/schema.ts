import { z } from 'zod';
import { freeText, identifier } from '../../guard/schema.ts';
import { POST_KINDS } from '../../community/posts.ts';

const Thread = identifier(/^[a-z0-9][a-z0-9-]{0,79}$/, { max: 80 });
export const ThreadQuery = z.strictObject({ thread: Thread.default('feedback') });
export const PostBody = z.strictObject({
  kind: z.enum(POST_KINDS),
  thread: Thread.default('feedback'),
  username: freeText({ max: 40, cards: 'refuse' }),
  city: freeText({ max: 80, cards: 'refuse' }),
  body: freeText({ max: 5000, multiline: true, cards: 'refuse' }),
  lang: z.enum(['vi', 'en']).default('vi'),
  // The author saw the detector's warnings and publishes anyway.
  confirmed: z.boolean().default(false),
});
export const PublicPostOut = z.object({ id: z.uuid(), kind: z.enum(POST_KINDS), username: z.string(), city: z.string(), body: z.string(), postedAt: z.string() });
export const ThreadOut = z.object({ thread: z.string(), items: z.array(PublicPostOut) });
