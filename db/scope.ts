/** What every tenant-owned query is given: the tenant whose rows it may read or write. */
export type TenantScope = { tenantId: string };
