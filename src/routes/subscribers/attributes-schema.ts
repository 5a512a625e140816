import { z } from 'zod';
import { FIELD_TYPES, MAX_TAGS } from '../../channels/attributes.ts';
import { freeText, identifier } from '../../guard/schema.ts';

export const FieldKey = identifier(/^[a-z][a-z0-9_]{0,39}$/, { max: 40 });
export const FieldCreate = z.strictObject({ key: FieldKey, label: freeText({ max: 80, cards: 'refuse' }), type: z.enum(FIELD_TYPES) });
export const FieldOut = z.object({ key: z.string(), label: z.string(), type: z.enum(FIELD_TYPES) });
export const FieldList = z.object({ items: z.array(FieldOut) });

/** A value as sent: its type is checked against the field's definition by the route (text, number, date as YYYY-MM-DD, boolean); null removes it. */
const Value = z.union([freeText({ max: 500, cards: 'refuse' }), z.number(), z.boolean(), z.null()]);
export const AttributesPatch = z.strictObject({
  tags: z.array(freeText({ max: 40, cards: 'refuse' })).max(MAX_TAGS).optional(),
  fields: z.record(FieldKey, Value).optional(),
});
export const AttributesOut = z.object({ tags: z.array(z.string()), fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) });
