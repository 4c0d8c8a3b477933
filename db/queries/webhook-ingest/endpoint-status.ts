import type pg from "pg";
import type { WebhookEndpoint } from "../../schema/webhooks";
import { compare, keyOf, prepared } from "./sql";
import type { Counts, WebhookWrite } from "./types";

/*
 * webhook_endpoint_status: per channel and URL, what the Channel Integration step shows as its live
 * status (last accepted call, last rejection and why, Meta's verification). One row per URL per
 * batch, the latest news of the batch's calls merged onto what the row held.
 */

interface EndpointUpdate {
  tenantId: string;
  channelId: string;
  endpoint: WebhookEndpoint;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  rejectionReason: string | null;
  rejectionStatus: number | null;
  verifiedAt: Date | null;
}

const later = (a: Date | null, b: Date) => (a === null || b > a ? b : a);

export async function upsertEndpointStatus(client: pg.PoolClient, writes: WebhookWrite[], counts: Counts) {
  const updates = new Map<string, EndpointUpdate>();
  for (const write of writes) {
    const attempt = write.attempt;
    const count = counts.get(write);
    // A stale write (no count) changes nothing.
    if (!attempt || !write.touchesEndpointStatus || !count) continue;
    const key = keyOf(write.channelId, write.endpoint);
    const update = updates.get(key) ?? {
      tenantId: write.tenantId,
      channelId: write.channelId,
      endpoint: write.endpoint,
      acceptedAt: null,
      rejectedAt: null,
      rejectionReason: null,
      rejectionStatus: null,
      verifiedAt: null,
    };
    const outcome = count.outcome;
    if (outcome === "accepted" || outcome === "duplicate") update.acceptedAt = later(update.acceptedAt, attempt.at);
    if (outcome === "verified") update.verifiedAt = later(update.verifiedAt, attempt.at);
    if (outcome === "rejected" && (update.rejectedAt === null || attempt.at >= update.rejectedAt)) {
      update.rejectedAt = attempt.at;
      update.rejectionReason = attempt.reason ?? "rejected";
      update.rejectionStatus = attempt.statusCode;
    }
    updates.set(key, update);
  }
  if (updates.size === 0) return;
  const rows = [...updates.values()].sort((a, b) => compare(a.channelId, b.channelId) || compare(a.endpoint, b.endpoint));
  await prepared(client, "upsert_endpoint_status",
    `insert into webhook_endpoint_status as s (tenant_id, channel_id, endpoint, first_accepted_at, last_accepted_at,
       last_rejected_at, last_rejection_reason, last_rejection_status, verified_at)
     select u.tenant_id, u.channel_id, u.endpoint, u.accepted_at, u.accepted_at, u.rejected_at, u.rejection_reason, u.rejection_status, u.verified_at
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::smallint[], $8::timestamptz[])
       as u(tenant_id, channel_id, endpoint, accepted_at, rejected_at, rejection_reason, rejection_status, verified_at)
     where exists (select 1 from channels c where c.id = u.channel_id and c.tenant_id = u.tenant_id)
     on conflict (channel_id, endpoint) do update set
       first_accepted_at = coalesce(s.first_accepted_at, excluded.first_accepted_at),
       last_accepted_at = greatest(s.last_accepted_at, excluded.last_accepted_at),
       last_rejected_at = coalesce(excluded.last_rejected_at, s.last_rejected_at),
       last_rejection_reason = coalesce(excluded.last_rejection_reason, s.last_rejection_reason),
       last_rejection_status = coalesce(excluded.last_rejection_status, s.last_rejection_status),
       verified_at = greatest(s.verified_at, excluded.verified_at)`,
    [
      rows.map((r) => r.tenantId),
      rows.map((r) => r.channelId),
      rows.map((r) => r.endpoint),
      rows.map((r) => r.acceptedAt?.toISOString() ?? null),
      rows.map((r) => r.rejectedAt?.toISOString() ?? null),
      rows.map((r) => r.rejectionReason),
      rows.map((r) => r.rejectionStatus),
      rows.map((r) => r.verifiedAt?.toISOString() ?? null),
    ],
  );
}
