import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { skillQueues } from "../schema";
import type { ApiNameValue } from "../schema/api-apps";
import { listTenantApiApps } from "./api-apps";
import { listCertificateChoices } from "./certificates";
import type { TenantScope } from "../scope";

/*
 * What the Configure Channel wizard offers in its selects, all of one tenant: OUs (depth-first,
 * with their path), skill queues, trust and identity certificates, and the app keys of the
 * tenant's API apps that a channel may authenticate with. Nothing here is secret.
 */

/** Far more than a tenant configures; a select longer than this would be unusable anyway. */
export const OPTION_LIMIT = 2000;

export interface OuChoice {
  id: string;
  name: string;
  /** 0 for a root OU. */
  depth: number;
  /** Names from the root down to this OU. */
  path: string[];
}

export interface NamedChoice {
  id: string;
  name: string;
}

export interface CertificateChoice extends NamedChoice {
  /** Past its notAfter when the page was loaded: still selectable, but marked. */
  expired: boolean;
}

export interface ApiAppChoice {
  name: string;
  appKey: string;
}

export interface ChannelFormOptions {
  ous: OuChoice[];
  skillQueues: NamedChoice[];
  trustCertificates: CertificateChoice[];
  identityCertificates: CertificateChoice[];
  /** Enabled apps subscribed to the API each app-authenticated variant needs. */
  apiApps: { oAuth: ApiAppChoice[]; telegram: ApiAppChoice[] };
}

/** The APIs an app must subscribe to (lib/channels/channels.ts checks the same on save). */
const OAUTH_API: ApiNameValue = "sendWhatsappMessage";
const TELEGRAM_API: ApiNameValue = "telegram_north";

export async function listOuChoices(db: DbOrTx, scope: TenantScope): Promise<OuChoice[]> {
  // Depth-first from the roots, siblings by name; both the anchor and the recursive part are tenant-scoped.
  const { rows } = await db.execute<{ id: string; name: string; depth: number; path: string[] }>(sql`
    with recursive tree as (
      select o.id, o.name, 0 as depth, array[]::text[] as path, array[lower(o.name)] as sort_key
      from ous o
      where o.tenant_id = ${scope.tenantId} and o.parent_id is null
      union all
      select o.id, o.name, t.depth + 1, t.path || t.name, t.sort_key || lower(o.name)
      from ous o join tree t on o.parent_id = t.id
      where o.tenant_id = ${scope.tenantId}
    )
    select t.id, t.name, t.depth, t.path || t.name as path from tree t order by t.sort_key limit ${OPTION_LIMIT}`);
  return rows.map((row) => ({ id: row.id, name: row.name, depth: row.depth, path: row.path }));
}

export async function listSkillQueueChoices(db: DbOrTx, scope: TenantScope): Promise<NamedChoice[]> {
  return db
    .select({ id: skillQueues.id, name: skillQueues.name })
    .from(skillQueues)
    .where(eq(skillQueues.tenantId, scope.tenantId))
    .orderBy(asc(sql`lower(${skillQueues.name})`), asc(skillQueues.id))
    .limit(OPTION_LIMIT);
}

async function certificateChoices(db: DbOrTx, scope: TenantScope, kind: "trust" | "identity", now: Date): Promise<CertificateChoice[]> {
  const rows = await listCertificateChoices(db, scope, kind);
  return rows.slice(0, OPTION_LIMIT).map((row) => ({ id: row.id, name: row.name, expired: row.notAfter < now }));
}

async function apiAppChoices(db: DbOrTx, scope: TenantScope, api: ApiNameValue): Promise<ApiAppChoice[]> {
  const apps = await listTenantApiApps(db, scope, { api });
  return apps.slice(0, OPTION_LIMIT).map((app) => ({ name: app.name, appKey: app.appKey }));
}

export async function loadChannelFormOptions(db: DbOrTx, scope: TenantScope, now = new Date()): Promise<ChannelFormOptions> {
  const [ous, queues, trust, identity, oAuthApps, telegramApps] = await Promise.all([
    listOuChoices(db, scope),
    listSkillQueueChoices(db, scope),
    certificateChoices(db, scope, "trust", now),
    certificateChoices(db, scope, "identity", now),
    apiAppChoices(db, scope, OAUTH_API),
    apiAppChoices(db, scope, TELEGRAM_API),
  ]);
  return {
    ous,
    skillQueues: queues,
    trustCertificates: trust,
    identityCertificates: identity,
    apiApps: { oAuth: oAuthApps, telegram: telegramApps },
  };
}
