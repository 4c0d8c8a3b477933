import type pg from "pg";
import type { WebhookOutcome } from "../../schema/webhooks";
import { sendJobsFromSql } from "../outbound-messages";
import { compare, prepared } from "./sql";
import type { Counts, EventRow, NewReport, WebhookWrite, WriteResult } from "./types";

export interface StoredBatch {
  results: WriteResult[];
  /** The writes that were not stale, with their counts. */
  counts: Counts;
  /** Status reports stored for the first time, for applyStatuses. */
  newStatuses: NewReport[];
  /** Automatic replies queued by this batch (issue 16). */
  repliesQueued: number;
}

/*
 * One statement for the whole batch writes webhook_events and webhook_attempts: which writes are
 * still current (the channel enabled at the version the call was authenticated against), their new
 * events, and one log row per call that says how many of its events were new. When two calls of one
 * batch carry the same event (a provider retrying at once), the first call stores it and the second
 * counts it as a duplicate. Events are inserted in (channel, key) order, so two batches running at
 * once lock in the same order. A customer message stored for the first time that carries an
 * automatic reply inserts the reply (kind auto-reply, unique per channel and dedupe key) and its
 * send job in the same statement: no reply without its stored message, never two for one key.
 */
const STORE_BATCH = `
with w as (
  select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::smallint[], $8::text[],
    $9::int[], $10::int[], $11::int[], $12::timestamptz[], $13::int[], $29::int[], $33::text[]) with ordinality
    as w(tenant_id, channel_id, endpoint, method, expected_version, outcome, status_code, reason,
         ignored, suppressed, duration_ms, at, event_count, calendar_version, credential, idx)
),
live as (
  select w.* from w
  where (w.expected_version is null
     or exists (select 1 from channels c where c.id = w.channel_id and c.version = w.expected_version and c.status = 'enabled'))
    and (w.calendar_version is null
     or exists (select 1 from tenants t where t.id = w.tenant_id and t.calendar_version = w.calendar_version))
),
e as (
  select live.tenant_id, live.channel_id, live.endpoint, e.*
  from unnest($14::int[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[],
    $23::text[], $24::text[], $25::text[], $26::text[], $27::timestamptz[], $28::jsonb[], $30::text[], $31::text[], $32::text[])
    as e(write_idx, kind, idempotency_key, provider_message_id, type, provider_type, status, from_address, to_address,
         sender_name, text, error_code, error_reason, occurred_at, raw, reply_to, reply_text, reply_key)
  join live on live.idx = e.write_idx
),
inserted as (
  insert into webhook_events (tenant_id, channel_id, endpoint, kind, idempotency_key, provider_message_id, type, provider_type,
    status, from_address, to_address, sender_name, text, error_code, error_reason, occurred_at, raw)
  select tenant_id, channel_id, endpoint, kind, idempotency_key, provider_message_id, type, provider_type,
    status, from_address, to_address, sender_name, text, error_code, error_reason, occurred_at, raw
  from e order by channel_id, idempotency_key, write_idx
  on conflict (channel_id, idempotency_key) do nothing
  returning channel_id, idempotency_key
),
claimed as (
  select distinct on (e.channel_id, e.idempotency_key) e.write_idx, e.kind, e.idempotency_key
  from e join inserted i on i.channel_id = e.channel_id and i.idempotency_key = e.idempotency_key
  order by e.channel_id, e.idempotency_key, e.write_idx
),
replies as (
  insert into outbound_messages (tenant_id, channel_id, kind, recipient, text, dedupe_key, status)
  select e.tenant_id, e.channel_id, 'auto-reply', e.reply_to, e.reply_text, e.reply_key, 'queued'
  from claimed join e on e.write_idx = claimed.write_idx and e.idempotency_key = claimed.idempotency_key
  where e.reply_key is not null
  order by e.channel_id, e.reply_key
  on conflict (channel_id, dedupe_key) where dedupe_key is not null do nothing
  returning id, tenant_id, channel_id
),
reply_jobs as (
  select count(*)::int as n from ${sendJobsFromSql("replies")}
),
stored as (
  select live.*, (select count(*)::int from claimed where claimed.write_idx = live.idx) as stored from live
),
counted as (
  -- An accepted call none of whose events was new is logged as a duplicate.
  select stored.*, case when outcome = 'accepted' and event_count > 0 and stored = 0 then 'duplicate' else outcome end as logged_outcome
  from stored
),
logged as (
  insert into webhook_attempts (tenant_id, channel_id, endpoint, method, outcome, status_code, reason, stored, duplicates, ignored, suppressed, duration_ms, at, credential)
  select tenant_id, channel_id, endpoint, method, logged_outcome, status_code, reason, stored, event_count - stored, ignored, suppressed, duration_ms, at, credential
  from counted
  -- A log row for a channel deleted meanwhile is dropped rather than failing the batch.
  where outcome is not null and exists (select 1 from channels c where c.id = counted.channel_id and c.tenant_id = counted.tenant_id)
  -- The log lists calls in the order they arrived.
  order by idx
)
select idx::int as write_idx, stored, logged_outcome, null::text as status_key from counted
union all
select write_idx, null, null, idempotency_key from claimed where kind = 'status'
union all
-- Referenced here so that the jobs are added: a CTE nobody reads is not run.
select 0, (select n from reply_jobs), null, null where exists (select 1 from replies)`;

export async function storeBatch(client: pg.PoolClient, writes: WebhookWrite[]): Promise<StoredBatch> {
  // 1-based, as `with ordinality` numbers the writes.
  const events = writes
    .flatMap((write, i) => write.events.map((event) => ({ writeIdx: i + 1, channelId: write.channelId, event })))
    .sort((a, b) => compare(a.channelId, b.channelId) || compare(a.event.idempotencyKey, b.event.idempotencyKey) || a.writeIdx - b.writeIdx);
  const write = <T>(pick: (w: WebhookWrite) => T) => writes.map(pick);
  const event = <T>(pick: (e: EventRow) => T) => events.map((row) => pick(row.event));
  const { rows } = await prepared<{ write_idx: number; stored: number | null; logged_outcome: WebhookOutcome | null; status_key: string | null }>(client, "store_batch", STORE_BATCH, [
    write((w) => w.tenantId),
    write((w) => w.channelId),
    write((w) => w.endpoint),
    write((w) => w.method),
    write((w) => w.expectedVersion),
    write((w) => w.attempt?.outcome ?? null),
    write((w) => w.attempt?.statusCode ?? null),
    write((w) => w.attempt?.reason ?? null),
    write((w) => w.attempt?.ignored ?? null),
    write((w) => w.attempt?.suppressed ?? null),
    write((w) => (w.attempt ? Math.round(w.attempt.durationMs) : null)),
    write((w) => w.attempt?.at.toISOString() ?? null),
    write((w) => w.events.length),
    events.map((row) => row.writeIdx),
    event((e) => e.kind),
    event((e) => e.idempotencyKey),
    event((e) => e.providerMessageId),
    event((e) => e.type),
    event((e) => e.providerType),
    event((e) => e.status),
    event((e) => e.fromAddress),
    event((e) => e.toAddress),
    event((e) => e.senderName),
    event((e) => e.text),
    event((e) => e.errorCode),
    event((e) => e.errorReason),
    event((e) => e.occurredAt.toISOString()),
    event((e) => e.rawJson),
    write((w) => w.expectedCalendarVersion ?? null),
    event((e) => e.autoReply?.recipient ?? null),
    event((e) => e.autoReply?.text ?? null),
    event((e) => e.autoReply?.dedupeKey ?? null),
    write((w) => w.attempt?.credential ?? null),
  ]);

  const counts: Counts = new Map();
  const newStatuses: NewReport[] = [];
  let repliesQueued = 0;
  for (const row of rows) {
    if (row.write_idx === 0) {
      repliesQueued = row.stored!;
      continue;
    }
    const stored = writes[row.write_idx - 1]!;
    if (row.status_key === null) counts.set(stored, { stored: row.stored!, duplicates: stored.events.length - row.stored!, outcome: row.logged_outcome });
    else newStatuses.push({ write: stored, event: stored.events.find((e) => e.idempotencyKey === row.status_key)! });
  }
  const results = writes.map((w): WriteResult => {
    const count = counts.get(w);
    return count ? { kind: "stored", stored: count.stored, duplicates: count.duplicates } : { kind: "stale" };
  });
  return { results, counts, newStatuses, repliesQueued };
}
