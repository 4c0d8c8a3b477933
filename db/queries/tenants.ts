import { asc, count, eq, sql } from "drizzle-orm";
import { pageOffset, toPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { tenants, users, type Tenant } from "../schema";

export interface TenantSummary extends Omit<Tenant, "calendarVersion"> {
  userCount: number;
}

export async function createTenant(db: DbOrTx, input: { name: string }): Promise<Tenant> {
  const [tenant] = await db.insert(tenants).values({ name: input.name }).returning();
  return tenant!;
}

export async function getTenant(db: DbOrTx, tenantId: string): Promise<Tenant | null> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  return tenant ?? null;
}

export async function listTenants(db: DbOrTx, page: number, pageSize?: number): Promise<Page<TenantSummary>> {
  const offset = pageOffset(page, pageSize);
  // A join, not a correlated subquery in the select list: drizzle leaves columns of a one-table select
  // unqualified, so `tenant_id = id` inside the subquery compared users.id and always counted 0.
  const userCounts = db
    .select({ tenantId: users.tenantId, value: count().as("user_count") })
    .from(users)
    .groupBy(users.tenantId)
    .as("user_counts");
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: tenants.id,
        name: tenants.name,
        createdAt: tenants.createdAt,
        updatedAt: tenants.updatedAt,
        userCount: sql<number>`coalesce(${userCounts.value}, 0)`.mapWith(Number),
      })
      .from(tenants)
      .leftJoin(userCounts, eq(userCounts.tenantId, tenants.id))
      .orderBy(asc(sql`lower(${tenants.name})`), asc(tenants.id))
      .limit(pageSize ?? 25)
      .offset(offset),
    db.select({ value: count() }).from(tenants),
  ]);
  return toPage(rows, total?.value ?? 0, page, pageSize);
}

/** Every tenant as id + name, for pickers (the number of tenants is small). */
export async function listTenantOptions(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .orderBy(asc(sql`lower(${tenants.name})`));
}
