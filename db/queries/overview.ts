import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { certificates } from "../schema";
import type { TenantScope } from "../scope";

/*
 * What the Overview reads: one row of health facts per channel, the certificates that run out
 * before a date, and the newest rejected webhook calls. Each is one statement scoped by tenant,
 * reaching the per-channel tables through their (channel_id, …) keys and indexes from the tenant's
 * channels, so another tenant's rows are never even visited. The windows and bounds are the
 * caller's (lib/overview): rules stay out of SQL.
 */

export interface ChannelHealthRow {
  id: string;
  name: string;
  status: "enabled" | "disabled";
  provider: string;
  lastAcceptedAt: Date | null;
  recentRejections: number;
  lastRejectionReason: string | null;
  lastCheck: { outcome: "passed" | "failed" | "warning"; checkedAt: Date } | null;
  /** cloud-api only: the Token validity typed into the wizard. */
  tokenValidity: string | null;
  /** cloud-api only: Meta's debug_token answer, when one is stored. */
  tokenStatus: { isValid: "valid" | "invalid" | "unknown"; expiresAt: Date | null; errorCode: string | null; errorMessage: string | null } | null;
}

type Timestamp = Date | string;
const date = (value: Timestamp) => new Date(value);
const dateOrNull = (value: Timestamp | null) => (value === null ? null : new Date(value));

type RawHealthRow = {
  id: string;
  name: string;
  status: ChannelHealthRow["status"];
  provider: string;
  token_validity: string | null;
  last_accepted_at: Timestamp | null;
  last_rejection_reason: string | null;
  recent_rejections: number;
  check_outcome: "passed" | "failed" | "warning" | null;
  checked_at: Timestamp | null;
  token_is_valid: "valid" | "invalid" | "unknown" | null;
  token_expires_at: Timestamp | null;
  token_error_code: string | null;
  token_error_message: string | null;
};

/**
 * Every channel of the tenant with its newest acceptance, its rejections since `rejectedSince`
 * (a rate-limited row counts the calls it stands for), its latest connection check and its Meta
 * token status. The rejection count only reads the attempt log of channels whose URL status shows
 * a rejection since then.
 */
export async function listChannelHealth(db: DbOrTx, scope: TenantScope, options: { rejectedSince: Date }): Promise<ChannelHealthRow[]> {
  const since = options.rejectedSince.toISOString();
  const { rows } = await db.execute<RawHealthRow>(sql`
    select c.id, c.name, c.status, c.provider,
      case when c.provider = 'cloud-api' then c.settings->>'tokenValidity' end as token_validity,
      es.last_accepted_at, es.last_rejection_reason,
      coalesce(r.n, 0)::int as recent_rejections,
      cc.outcome as check_outcome, cc.checked_at,
      ts.is_valid as token_is_valid, ts.expires_at as token_expires_at,
      ts.error_code as token_error_code, ts.error_message as token_error_message
    from channels c
    left join lateral (
      select max(s.last_accepted_at) as last_accepted_at, max(s.last_rejected_at) as last_rejected_at,
        (array_agg(s.last_rejection_reason order by s.last_rejected_at desc nulls last))[1] as last_rejection_reason
      from webhook_endpoint_status s
      where s.channel_id = c.id and s.tenant_id = c.tenant_id
    ) es on true
    left join lateral (
      select sum(1 + a.suppressed) as n
      from webhook_attempts a
      where es.last_rejected_at >= ${since}::timestamptz
        and a.channel_id = c.id and a.tenant_id = c.tenant_id and a.outcome = 'rejected' and a.at >= ${since}::timestamptz
    ) r on true
    left join channel_connection_checks cc on cc.channel_id = c.id and cc.tenant_id = c.tenant_id
    left join channel_token_status ts on ts.channel_id = c.id and ts.tenant_id = c.tenant_id
    where c.tenant_id = ${scope.tenantId}
    order by lower(c.name), c.id`);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    provider: row.provider,
    lastAcceptedAt: dateOrNull(row.last_accepted_at),
    recentRejections: Number(row.recent_rejections),
    lastRejectionReason: row.last_rejection_reason,
    lastCheck: row.check_outcome && row.checked_at ? { outcome: row.check_outcome, checkedAt: date(row.checked_at) } : null,
    tokenValidity: row.token_validity,
    tokenStatus: row.token_is_valid
      ? { isValid: row.token_is_valid, expiresAt: dateOrNull(row.token_expires_at), errorCode: row.token_error_code, errorMessage: row.token_error_message }
      : null,
  }));
}

export interface ExpiringCertificateRow {
  id: string;
  name: string;
  kind: "trust" | "identity";
  notAfter: Date;
}

/** The tenant's certificates whose leaf expires at or before `notAfterBy` (expired ones too), soonest first. */
export async function listCertificatesExpiringBy(db: DbOrTx, scope: TenantScope, notAfterBy: Date): Promise<ExpiringCertificateRow[]> {
  return db
    .select({ id: certificates.id, name: certificates.name, kind: certificates.kind, notAfter: certificates.notAfter })
    .from(certificates)
    .where(and(eq(certificates.tenantId, scope.tenantId), lte(certificates.notAfter, notAfterBy)))
    .orderBy(asc(certificates.notAfter), asc(certificates.name));
}

export interface RecentRejectionRow {
  id: number;
  at: Date;
  channelId: string;
  channelName: string;
  endpoint: string;
  statusCode: number;
  reason: string | null;
  suppressed: number;
}

type RawRejectionRow = {
  id: number | string;
  at: Timestamp;
  channel_id: string;
  channel_name: string;
  endpoint: string;
  status_code: number;
  reason: string | null;
  suppressed: number;
};

/**
 * The tenant's newest rejected webhook calls, newest first: at most `limit` per channel from its
 * (channel_id, id desc) index, only for channels whose URLs were ever refused, then the newest overall.
 */
export async function listRecentRejections(db: DbOrTx, scope: TenantScope, limit: number): Promise<RecentRejectionRow[]> {
  const { rows } = await db.execute<RawRejectionRow>(sql`
    select a.id, a.at, c.id as channel_id, c.name as channel_name, a.endpoint, a.status_code, a.reason, a.suppressed
    from channels c
    cross join lateral (
      select a.id, a.at, a.endpoint, a.status_code, a.reason, a.suppressed
      from webhook_attempts a
      where a.channel_id = c.id and a.tenant_id = c.tenant_id and a.outcome = 'rejected'
      order by a.id desc
      limit ${limit}
    ) a
    where c.tenant_id = ${scope.tenantId}
      and exists (select 1 from webhook_endpoint_status s where s.channel_id = c.id and s.tenant_id = c.tenant_id and s.last_rejected_at is not null)
    order by a.at desc, a.id desc
    limit ${limit}`);
  return rows.map((row) => ({
    id: Number(row.id),
    at: date(row.at),
    channelId: row.channel_id,
    channelName: row.channel_name,
    endpoint: row.endpoint,
    statusCode: row.status_code,
    reason: row.reason,
    suppressed: row.suppressed,
  }));
}
