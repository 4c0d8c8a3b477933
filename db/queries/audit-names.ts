import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiApps, certificates, channels, ous, skillQueues, users } from "../schema";
import type { TenantScope } from "../scope";

/*
 * Names for the ids an audit page shows, read when the page is shown (an entry keeps ids, so a
 * renamed OU shows its current name). Every lookup is limited to the tenant: an id of another
 * tenant is answered exactly like a deleted one, with no name.
 */

export type NamedKind = "ou" | "skillQueue" | "certificate" | "apiApp" | "channel" | "user";
export type AuditNames = Record<NamedKind, Map<string, string>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** More ids than one page can show is a malformed entry, not a reason for a huge query. */
const MAX_IDS = 500;

export async function resolveAuditNames(db: DbOrTx, scope: TenantScope, ids: Record<NamedKind, readonly string[]>): Promise<AuditNames> {
  const valid = (kind: NamedKind) => ids[kind].filter((id) => UUID.test(id)).slice(0, MAX_IDS);
  const lookup = async (kind: NamedKind, read: (list: string[]) => Promise<{ id: string; name: string }[]>) => {
    const list = valid(kind);
    return new Map(list.length === 0 ? [] : (await read(list)).map((row) => [row.id, row.name] as const));
  };
  const tenant = scope.tenantId;
  const [ou, skillQueue, certificate, apiApp, channel, user] = await Promise.all([
    lookup("ou", (list) => db.select({ id: ous.id, name: ous.name }).from(ous).where(and(eq(ous.tenantId, tenant), inArray(ous.id, list)))),
    lookup("skillQueue", (list) =>
      db.select({ id: skillQueues.id, name: skillQueues.name }).from(skillQueues).where(and(eq(skillQueues.tenantId, tenant), inArray(skillQueues.id, list))),
    ),
    lookup("certificate", (list) =>
      db.select({ id: certificates.id, name: certificates.name }).from(certificates).where(and(eq(certificates.tenantId, tenant), inArray(certificates.id, list))),
    ),
    lookup("apiApp", (list) => db.select({ id: apiApps.id, name: apiApps.name }).from(apiApps).where(and(eq(apiApps.tenantId, tenant), inArray(apiApps.id, list)))),
    lookup("channel", (list) => db.select({ id: channels.id, name: channels.name }).from(channels).where(and(eq(channels.tenantId, tenant), inArray(channels.id, list)))),
    lookup("user", (list) => db.select({ id: users.id, name: users.email }).from(users).where(and(eq(users.tenantId, tenant), inArray(users.id, list)))),
  ]);
  return { ou, skillQueue, certificate, apiApp, channel, user };
}
