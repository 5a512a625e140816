import type { SubjectType } from '../domain/taxonomy/index.ts';

/**
 * The one way the code base names a data subject: its type and id, and the tenant whose data
 * it is (null for ECOMKEY's own subjects: Customers as account holders, Staff). Narrow `T` where
 * only some types make sense (the consent ledger's three).
 */
export type SubjectRef<T extends SubjectType = SubjectType> = { readonly type: T; readonly id: string; readonly tenantId?: string | null };

/** A subject that belongs to a tenant (the ledger's, the privacy center's). */
export type TenantSubjectRef<T extends SubjectType = SubjectType> = SubjectRef<T> & { readonly tenantId: string };
