import type pg from "pg";
import type { WebhookEndpoint, WebhookOutcome } from "../schema/webhooks";
import { nextStatus, type DeliveryStatus, type StatusState } from "@/lib/webhooks/status-order";

/*
 * The webhook write path: one transaction for a whole group of calls (lib/webhooks/ingest/
 * group-commit.ts), in plain SQL over unnest() arrays so a batch costs a fixed handful of round
 * trips whatever its size. Rows are sorted by key before every insert and lock, so two batches
 * running at once take their locks in the same order.
 */

export interface EventRow {
  kind: "message" | "status" | "error";
  idempotencyKey: string;
  providerMessageId: string;
  type: string;
  providerType: string;
  status: DeliveryStatus | null;
  fromAddress: string | null;
  toAddress: string | null;
  senderName: string | null;
  text: string | null;
  errorCode: string | null;
  errorReason: string | null;
  occurredAt: Date;
  /** The provider's item as JSON text, already free of U+0000. */
  rawJson: string;
}

export interface AttemptRow {
  /** "accepted" becomes "duplicate" here when none of the call's events was new. */
  outcome: Exclude<WebhookOutcome, "duplicate">;
  statusCode: number;
  reason: string | null;
  ignored: number;
  suppressed: number;
  durationMs: number;
  at: Date;
}

export interface WebhookWrite {
  tenantId: string;
  channelId: string;
  endpoint: WebhookEndpoint;
  method: string;
  /**
   * For deliveries: the channel version the call was authenticated against. The write is refused
   * as stale unless the channel is still enabled at that version. Null for log-only writes.
   */
  expectedVersion: number | null;
  events: EventRow[];
  /** Null: nothing to log. */
  attempt: AttemptRow | null;
  /**
   * Whether this call updates the URL's live status row. Rejections and handshakes always do; the
   * ingestor lets an accepted call through about once a second per URL, because every batch
   * updating the same row would serialise concurrent batches on its lock.
   */
  touchesEndpointStatus: boolean;
}

export type WriteResult = { kind: "stored"; stored: number; duplicates: number } | { kind: "stale" };

/** Deadlock, serialization failure, or a channel deleted under the batch: the batch is retried whole. */
const RETRYABLE = new Set(["40P01", "40001", "23503"]);
const MAX_TRIES = 3;

/**
 * Most batches are new messages (and their log rows) only: one statement, committed on its own,
 * so a batch costs one round trip. A batch with status reports or a live-status update also
 * moves delivery states and the URL's status row, in one transaction around the same statement.
 */
export async function writeWebhookBatch(pool: pg.Pool, writes: WebhookWrite[]): Promise<WriteResult[]> {
  const inTransaction = writes.some((write) => write.touchesEndpointStatus || write.events.some((event) => event.kind === "status"));
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    for (let tries = 1; ; tries++) {
      try {
        if (!inTransaction) return (await storeBatch(client, writes)).results;
        await client.query("BEGIN");
        const stored = await storeBatch(client, writes);
        await applyStatuses(client, stored.newStatuses);
        await upsertEndpointStatus(client, writes, stored.counts);
        await client.query("COMMIT");
        return stored.results;
      } catch (error) {
        if (inTransaction) await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
        const code = (error as { code?: string }).code;
        if (!broken && tries < MAX_TRIES && code && RETRYABLE.has(code)) continue;
        throw error;
      }
    }
  } finally {
    client.release(broken);
  }
}

/*
 * Named statements are parsed and planned once per connection: with a handful of statements per
 * batch and batches every few milliseconds, re-planning was a visible share of PostgreSQL's CPU.
 */
function prepared<R extends pg.QueryResultRow = pg.QueryResultRow>(client: pg.PoolClient, name: string, text: string, values: unknown[]) {
  return client.query<R>({ name: `webhooks_${name}`, text, values });
}

const keyOf = (channelId: string, key: string) => `${channelId}\n${key}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// Times go to PostgreSQL as ISO strings: pg's own Date formatting costs more than the insert's other columns together.

interface StoredBatch {
  results: WriteResult[];
  /** The writes that were not stale, with their counts. */
  counts: Counts;
  /** Status reports stored for the first time, for applyStatuses. */
  newStatuses: { write: WebhookWrite; event: EventRow }[];
}

/*
 * One statement for the whole batch: which writes are still current (the channel enabled at the
 * version the call was authenticated against), their new events, and one log row per call that
 * says how many of its events were new. When two calls of one batch carry the same event (a
 * provider retrying at once), the first call stores it and the second counts it as a duplicate.
 * Events are inserted in (channel, key) order, so two batches running at once lock in the same order.
 */
const STORE_BATCH = `
with w as (
  select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::smallint[], $8::text[],
    $9::int[], $10::int[], $11::int[], $12::timestamptz[], $13::int[]) with ordinality
    as w(tenant_id, channel_id, endpoint, method, expected_version, outcome, status_code, reason,
         ignored, suppressed, duration_ms, at, event_count, idx)
),
live as (
  select w.* from w
  where w.expected_version is null
     or exists (select 1 from channels c where c.id = w.channel_id and c.version = w.expected_version and c.status = 'enabled')
),
e as (
  select live.tenant_id, live.channel_id, live.endpoint, e.*
  from unnest($14::int[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[],
    $23::text[], $24::text[], $25::text[], $26::text[], $27::timestamptz[], $28::jsonb[])
    as e(write_idx, kind, idempotency_key, provider_message_id, type, provider_type, status, from_address, to_address,
         sender_name, text, error_code, error_reason, occurred_at, raw)
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
stored as (
  select live.*, (select count(*)::int from claimed where claimed.write_idx = live.idx) as stored from live
),
counted as (
  -- An accepted call none of whose events was new is logged as a duplicate.
  select stored.*, case when outcome = 'accepted' and event_count > 0 and stored = 0 then 'duplicate' else outcome end as logged_outcome
  from stored
),
logged as (
  insert into webhook_attempts (tenant_id, channel_id, endpoint, method, outcome, status_code, reason, stored, duplicates, ignored, suppressed, duration_ms, at)
  select tenant_id, channel_id, endpoint, method, logged_outcome, status_code, reason, stored, event_count - stored, ignored, suppressed, duration_ms, at
  from counted
  -- A log row for a channel deleted meanwhile is dropped rather than failing the batch.
  where outcome is not null and exists (select 1 from channels c where c.id = counted.channel_id and c.tenant_id = counted.tenant_id)
  -- The log lists calls in the order they arrived.
  order by idx
)
select idx::int as write_idx, stored, logged_outcome, null::text as status_key from counted
union all
select write_idx, null, null, idempotency_key from claimed where kind = 'status'`;

async function storeBatch(client: pg.PoolClient, writes: WebhookWrite[]): Promise<StoredBatch> {
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
  ]);

  const counts: Counts = new Map();
  const newStatuses: StoredBatch["newStatuses"] = [];
  for (const row of rows) {
    const stored = writes[row.write_idx - 1]!;
    if (row.status_key === null) counts.set(stored, { stored: row.stored!, duplicates: stored.events.length - row.stored!, outcome: row.logged_outcome });
    else newStatuses.push({ write: stored, event: stored.events.find((e) => e.idempotencyKey === row.status_key)! });
  }
  const results = writes.map((w): WriteResult => {
    const count = counts.get(w);
    return count ? { kind: "stored", stored: count.stored, duplicates: count.duplicates } : { kind: "stale" };
  });
  return { results, counts, newStatuses };
}

interface StateGroup {
  tenantId: string;
  channelId: string;
  providerMessageId: string;
  incoming: StatusState[];
  firstReportedAt: Date;
}

interface StoredState extends StatusState {
  firstReportedAt: Date;
}

const toState = (event: EventRow): StatusState => ({
  status: event.status ?? "unknown",
  ...(event.errorCode !== null && { errorCode: event.errorCode }),
  ...(event.errorReason !== null && { errorReason: event.errorReason }),
});

/** New reports move each message's current status forward (lib/webhooks/status-order.ts), never back. */
async function applyStatuses(client: pg.PoolClient, reports: { write: WebhookWrite; event: EventRow }[]) {
  if (reports.length === 0) return;
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
  const sorted = [...groups.values()].sort((a, b) => compare(a.channelId, b.channelId) || compare(a.providerMessageId, b.providerMessageId));
  const fold = (start: StatusState | null, incoming: StatusState[]) => {
    let state = start;
    let changed = false;
    for (const next of incoming) {
      const step = nextStatus(state, next);
      state = step.state;
      changed ||= step.changed;
    }
    return { state, changed };
  };

  // Messages seen for the first time: insert their folded status; an "unknown" alone records nothing.
  const fresh = sorted.map((group) => ({ group, state: fold(null, group.incoming).state })).filter((x) => x.state !== null);
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

  // Messages that already have a status: lock, fold the new reports onto it, write what changed.
  const existing = sorted.filter((group) => !insertedKeys.has(keyOf(group.channelId, group.providerMessageId)));
  if (existing.length === 0) return;
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

/** Per live write: its new and duplicate events, and the outcome its log row got (null: not logged). */
type Counts = Map<WebhookWrite, { stored: number; duplicates: number; outcome: WebhookOutcome | null }>;

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

async function upsertEndpointStatus(client: pg.PoolClient, writes: WebhookWrite[], counts: Counts) {
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

/** Keeps a channel's newest `keep` attempts; older rows go (the log is bounded, not an archive). */
export async function pruneWebhookAttempts(pool: pg.Pool, channelId: string, keep: number): Promise<number> {
  const { rowCount } = await pool.query(
    `delete from webhook_attempts
     where channel_id = $1
       and id <= (select id from webhook_attempts where channel_id = $1 order by id desc offset $2 limit 1)`,
    [channelId, keep],
  );
  return rowCount ?? 0;
}
