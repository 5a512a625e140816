import type { Locale } from './fields.ts';

/** The registration data a user may change themselves (C32). E-mail is not among them: changing it needs a new verification. */
export const PROFILE_FIELDS = ['name', 'company', 'billingAddress', 'locale'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export type ProfileFields = { name: string; company: string; billingAddress: string; locale: Locale };
export type ProfilePatch = Partial<ProfileFields>;
export type ProfileChange = { field: ProfileField; from: string; to: string };

/** The fields whose value the patch really changes, in a fixed order. Pure. */
export function diffProfile(current: ProfileFields, patch: ProfilePatch): ProfileChange[] {
  return PROFILE_FIELDS.flatMap((field) => {
    const to = patch[field];
    return to !== undefined && to !== current[field] ? [{ field, from: current[field], to }] : [];
  });
}
