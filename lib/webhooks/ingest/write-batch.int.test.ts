import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { createWebhookChannel, type WebhookTestChannel } from "@/testing/db/webhook-fixtures";
import { foldStatusTransitions } from "@/lib/webhooks/status-order";
import { writeWebhookBatch, type AttemptRow, type EventRow, type WebhookWrite } from "@/db/queries/webhook-ingest";

/*
 * The batch write on its own: what one statement decides for a mixed batch (stale calls, log-only
 * calls, the same event in two calls, events stored earlier), and that a batch is one transaction
 * on either path (new messages only: one statement; with status reports: a transaction around it).
 */

let t: TestDatabase;
let channel: WebhookTestChannel;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const { admin } = await createTestTenant(t.db);
  tenantId = admin.tenantId!;
  channel = await createWebhookChannel(t.db, admin, "telegram");
});
afterAll(() => t?.close());

const at = new Date("2026-11-22T08:00:00.000Z");

function message(key: string): EventRow {
  return {
    kind: "message",
    idempotencyKey: `message:${key}`,
    providerMessageId: key,
    type: "text",
    providerType: "text",
    status: null,
    fromAddress: "4915112345678",
    toAddress: null,
    senderName: "Ada",
    text: `hello ${key}`,
    errorCode: null,
    errorReason: null,
    occurredAt: at,
    rawJson: JSON.stringify({ id: key }),
  };
}

function report(messageId: string, status: "delivered" | "read"): EventRow {
  return { ...message(`${messageId}:${status}`), kind: "status", idempotencyKey: `status:${messageId}:${status}`, providerMessageId: messageId, type: "status", status, text: null, senderName: null };
}

const accepted: AttemptRow = { outcome: "accepted", statusCode: 200, reason: null, ignored: 0, suppressed: 0, durationMs: 1.4, at };

function call(events: EventRow[], overrides: Partial<WebhookWrite> = {}): WebhookWrite {
  return { tenantId, channelId: channel.id, endpoint: "message", method: "POST", expectedVersion: channel.version, events, attempt: accepted, touchesEndpointStatus: false, ...overrides };
}

async function attempts(since: number) {
  const { rows } = await t.pool.query<{ outcome: string; stored: number; duplicates: number; reason: string | null; duration_ms: number; xmin: string }>(
    "select outcome, stored, duplicates, reason, duration_ms, xmin::text from webhook_attempts where channel_id = $1 and id > $2 order by id",
    [channel.id, since],
  );
  return rows;
}

async function lastAttemptId(): Promise<number> {
  const { rows } = await t.pool.query<{ id: string | null }>("select max(id) as id from webhook_attempts");
  return Number(rows[0]!.id ?? 0);
}

describe("writeWebhookBatch", () => {
  it("decides a mixed batch of new messages in one statement: stale calls, log-only calls, and the first call claiming a shared event", async () => {
    await writeWebhookBatch(t.pool, [call([message("old")])], foldStatusTransitions);
    const since = await lastAttemptId();
    const results = await writeWebhookBatch(t.pool, [
      call([message("a1"), message("a2")]),
      call([message("a1"), message("b1")]),
      call([message("stale")], { expectedVersion: channel.version + 1 }),
      call([], { expectedVersion: null, attempt: { ...accepted, outcome: "rejected", statusCode: 403, reason: "signatureMismatch" } }),
      call([message("old")]),
    ], foldStatusTransitions);
    expect(results).toEqual([
      { kind: "stored", stored: 2, duplicates: 0 },
      { kind: "stored", stored: 1, duplicates: 1 },
      { kind: "stale" },
      { kind: "stored", stored: 0, duplicates: 0 },
      { kind: "stored", stored: 0, duplicates: 1 },
    ]);
    const logged = await attempts(since);
    expect(logged.map((row) => [row.outcome, row.stored, row.duplicates, row.reason])).toEqual([
      ["accepted", 2, 0, null],
      ["accepted", 1, 1, null],
      ["rejected", 0, 0, "signatureMismatch"],
      ["duplicate", 0, 1, null],
    ]);
    expect(logged[0]!.duration_ms).toBe(1);
    const { rows: events } = await t.pool.query<{ provider_message_id: string; xmin: string }>(
      "select provider_message_id, xmin::text from webhook_events where channel_id = $1 and provider_message_id in ('a1', 'a2', 'b1', 'stale') order by 1",
      [channel.id],
    );
    expect(events.map((row) => row.provider_message_id)).toEqual(["a1", "a2", "b1"]);
    expect(new Set([...events, ...logged].map((row) => row.xmin)).size).toBe(1);
  });

  it("applies status reports and the URL's live status in the same transaction as the events", async () => {
    const since = await lastAttemptId();
    const results = await writeWebhookBatch(t.pool, [
      call([report("out-1", "read")], { touchesEndpointStatus: true }),
      call([report("out-1", "delivered"), message("c1")]),
    ], foldStatusTransitions);
    expect(results).toEqual([
      { kind: "stored", stored: 1, duplicates: 0 },
      { kind: "stored", stored: 2, duplicates: 0 },
    ]);
    const { rows: states } = await t.pool.query<{ status: string; xmin: string }>("select status, xmin::text from outbound_message_states where channel_id = $1 and provider_message_id = 'out-1'", [channel.id]);
    // A delivered report never moves a read message back.
    expect(states.map((row) => row.status)).toEqual(["read"]);
    const { rows: status } = await t.pool.query<{ last_accepted_at: Date; xmin: string }>("select last_accepted_at, xmin::text from webhook_endpoint_status where channel_id = $1", [channel.id]);
    expect(status[0]!.last_accepted_at).toEqual(at);
    const logged = await attempts(since);
    expect(new Set([...states, ...status, ...logged].map((row) => row.xmin)).size).toBe(1);
  });
});
