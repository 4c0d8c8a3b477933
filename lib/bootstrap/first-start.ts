import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createTenant } from "@/db/queries/tenants";
import { countUsers, insertUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import type { FirstStartAccounts } from "./first-start-config";

/**
 * Creates the first accounts on an empty database, once. Several processes may start together
 * (console + workers), so the check and the inserts run under one advisory lock.
 */
export async function seedFirstStart(
  db: Db,
  loadAccounts: () => FirstStartAccounts,
): Promise<"seeded" | "already-initialised"> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('channel-console:first-start'))`);
    if ((await countUsers(tx)) > 0) return "already-initialised";

    // Read the configuration only now: a server that is already set up needs no ADMIN_PASSWORD.
    const accounts = loadAccounts();
    const { systemAdmin, demo } = accounts;
    await insertUser(tx, {
      email: systemAdmin.email,
      name: systemAdmin.name,
      role: "system_admin",
      tenantId: null,
      passwordHash: await hashPassword(systemAdmin.password),
    });
    if (demo) {
      const tenant = await createTenant(tx, { name: demo.tenantName });
      for (const [account, role] of [
        [demo.tenantAdmin, "tenant_admin"],
        [demo.support, "support"],
      ] as const) {
        await insertUser(tx, {
          email: account.email,
          name: account.name,
          role,
          tenantId: tenant.id,
          passwordHash: await hashPassword(account.password),
        });
      }
    }
    return "seeded";
  });
}
