import type pg from "pg";
import type { DeliveryState, DeliveryStatus } from "../../schema/webhooks";
import { compare, keyOf, prepared } from "./sql";
import type { EventRow, NewReport, StatusFold } from "./types";

/*
 * outbound_message_states: each message's current delivery status, moved forward by the reports a
 * batch stored for the first time. Which status wins is the caller's rule (`fold`); this file only
 * reads, locks and writes the rows, in (channel, message) order.
 */

interface StateGroup {
  tenantId: string;
  channelId: string;
  providerMessageId: string;
  incoming: DeliveryState[];
  firstReportedAt: Date;
}

interface StoredState extends DeliveryState {
  firstReportedAt: Date;
}

const toState = (event: EventRow): DeliveryState => ({
  status: event.status ?? "unknown",
  ...(event.errorCode !== null && { errorCode: event.errorCode }),
  ...(event.errorReason !== null && { errorReason: event.errorReason }),
});

/** New reports move each message's current status forward, never back, by `fold`. */
export async function applyStatuses(client: pg.PoolClient, reports: NewReport[], fold: StatusFold) {
  if (reports.length === 0) return;
  const groups = groupByMessage(reports);
  const insertedKeys = await insertFirstStates(client, groups, fold);
  const existing = groups.filter((group) => !insertedKeys.has(keyOf(group.channelId, group.providerMessageId)));
  if (existing.length > 0) await advanceStoredStates(client, existing, fold);
}

/** One group per message, its reports in arrival order, sorted by (channel, message). */
function groupByMessage(reports: NewReport[]): StateGroup[] {
  const groups = new Map<string, StateGroup>();
  for (const { write, event } of reports) {
    const key = keyOf(write.channelId, event.providerMessageId);
    const group = groups.get(key) ?? {
      tenantId: write.tenantId,
      channelId: write.channelId,
      providerMessageId: event.providerMessageId,
      incoming: [],
      firstReportedAt: event.occurredAt,
    };
    group.incoming.push(toState(event));
    if (event.occurredAt < group.firstReportedAt) group.firstReportedAt = event.occurredAt;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => compare(a.channelId, b.channelId) || compare(a.providerMessageId, b.providerMessageId));
}

/** Messages seen for the first time: their folded status is inserted; an "unknown" alone records nothing. Returns the keys inserted. */
async function insertFirstStates(client: pg.PoolClient, groups: StateGroup[], fold: StatusFold): Promise<Set<string>> {
  const fresh = groups.map((group) => ({ group, state: fold(null, group.incoming).state })).filter((x) => x.state !== null);
  const insertedKeys = new Set<string>();
  if (fresh.length > 0) {
    const { rows } = await prepared<{ channel_id: string; provider_message_id: string }>(client, "insert_states",
      `insert into outbound_message_states (tenant_id, channel_id, provider_message_id, status, error_code, error_reason, first_reported_at)
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       on conflict (channel_id, provider_message_id) do nothing
       returning channel_id, provider_message_id`,
      [
        fresh.map((x) => x.group.tenantId),
        fresh.map((x) => x.group.channelId),
        fresh.map((x) => x.group.providerMessageId),
        fresh.map((x) => x.state!.status),
        fresh.map((x) => x.state!.errorCode ?? null),
        fresh.map((x) => x.state!.errorReason ?? null),
        fresh.map((x) => x.group.firstReportedAt.toISOString()),
      ],
    );
    for (const row of rows) insertedKeys.add(keyOf(row.channel_id, row.provider_message_id));
  }
  return insertedKeys;
}

/** Messages that already have a status: lock their rows, fold the new reports onto them, write what changed. */
async function advanceStoredStates(client: pg.PoolClient, existing: StateGroup[], fold: StatusFold) {
  const { rows: current } = await prepared<{
    channel_id: string;
    provider_message_id: string;
    status: DeliveryStatus;
    error_code: string | null;
    error_reason: string | null;
    first_reported_at: Date;
  }>(client, "lock_states",
    `select s.channel_id, s.provider_message_id, s.status, s.error_code, s.error_reason, s.first_reported_at
     from outbound_message_states s
     join unnest($1::uuid[], $2::text[]) as k(channel_id, provider_message_id)
       on s.channel_id = k.channel_id and s.provider_message_id = k.provider_message_id
     order by s.channel_id, s.provider_message_id
     for update of s`,
    [existing.map((g) => g.channelId), existing.map((g) => g.providerMessageId)],
  );
  const byKey = new Map<string, StoredState>(
    current.map((row) => [
      keyOf(row.channel_id, row.provider_message_id),
      {
        status: row.status,
        ...(row.error_code !== null && { errorCode: row.error_code }),
        ...(row.error_reason !== null && { errorReason: row.error_reason }),
        firstReportedAt: row.first_reported_at,
      },
    ]),
  );
  const updates = existing.flatMap((group) => {
    const stored = byKey.get(keyOf(group.channelId, group.providerMessageId));
    if (!stored) return [];
    const { state, changed } = fold(stored, group.incoming);
    const earlier = group.firstReportedAt < stored.firstReportedAt;
    return (changed || earlier) && state ? [{ group, state, firstReportedAt: earlier ? group.firstReportedAt : stored.firstReportedAt }] : [];
  });
  if (updates.length === 0) return;
  await prepared(client, "update_states",
    `update outbound_message_states s
     set status = u.status, error_code = u.error_code, error_reason = u.error_reason, first_reported_at = u.first_reported_at, updated_at = now()
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
       as u(channel_id, provider_message_id, status, error_code, error_reason, first_reported_at)
     where s.channel_id = u.channel_id and s.provider_message_id = u.provider_message_id`,
    [
      updates.map((u) => u.group.channelId),
      updates.map((u) => u.group.providerMessageId),
      updates.map((u) => u.state.status),
      updates.map((u) => u.state.errorCode ?? null),
      updates.map((u) => u.state.errorReason ?? null),
      updates.map((u) => u.firstReportedAt.toISOString()),
    ],
  );
}
