import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { createTenant } from "@/db/queries/tenants";
import { insertUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";

/** A user as the guard sees it once signed in (lib/auth/current-user.ts). */
export type TestUser = CurrentUser;

export const TEST_PASSWORD = "correct horse battery staple";

export const uniqueSuffix = () => randomBytes(4).toString("hex");

export async function createTestUser(
  db: Db,
  input: { role: Role; tenantId: string | null; tenantName?: string | null; email?: string; password?: string },
): Promise<CurrentUser> {
  const email = input.email ?? `${input.role}-${uniqueSuffix()}@example.com`;
  const name = `Test ${input.role}`;
  const { id } = await insertUser(db, {
    email,
    name,
    role: input.role,
    tenantId: input.tenantId,
    passwordHash: await hashPassword(input.password ?? TEST_PASSWORD),
  });
  return { id, email, name, role: input.role, tenantId: input.tenantId, tenantName: input.tenantName ?? null };
}

/** A tenant with one tenant administrator and one support user. */
export async function createTestTenant(db: Db, name = `Tenant ${uniqueSuffix()}`) {
  const tenant = await createTenant(db, { name });
  const [admin, support] = await Promise.all([
    createTestUser(db, { role: "tenant_admin", tenantId: tenant.id, tenantName: tenant.name }),
    createTestUser(db, { role: "support", tenantId: tenant.id, tenantName: tenant.name }),
  ]);
  return { tenant, admin, support };
}
