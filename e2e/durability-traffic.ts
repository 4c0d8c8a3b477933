import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/*
 * Traffic and its outcome for e2e/webhook-durability.spec.ts: signed cloud-api deliveries sent with
 * plain fetch, and what the database stored of them. The processes are in durability-helpers.ts.
 */

const root = path.join(import.meta.dirname, "..");

// ---- What was stored ----

/** Meta sends every number's events to one URL; the channel stores only its own number's. */
export async function phoneNumberIdOf(databaseUrl: string, tenantId: string, channelId: string): Promise<string> {
  const rows = await query<{ phone_number_id: string | null }>(
    databaseUrl,
    "select settings->>'phoneNumberId' as phone_number_id from channels where tenant_id = $1 and id = $2",
    [tenantId, channelId],
  );
  const id = rows[0]?.phone_number_id;
  if (!id) throw new Error(`channel ${channelId} has no phone number id`);
  return id;
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** How many rows webhook_events holds per idempotency key for the channel (the unique key makes every count 1, or else). */
export async function storedKeyCounts(databaseUrl: string, tenantId: string, channelId: string): Promise<Map<string, number>> {
  const rows = await query<{ idempotency_key: string; n: number }>(
    databaseUrl,
    "select idempotency_key, count(*)::int as n from webhook_events where tenant_id = $1 and channel_id = $2 group by idempotency_key",
    [tenantId, channelId],
  );
  return new Map(rows.map((row) => [row.idempotency_key, row.n]));
}

// ---- Signed cloud-api deliveries ----

export interface Delivery {
  messageId: string;
  /** The webhook_events key the delivery must end up under. */
  idempotencyKey: string;
  body: string;
  signature: string;
}

const metaText = readFileSync(path.join(root, "testing", "fixtures", "webhooks", "meta-text.json"), "utf8");

/** `count` one-message Meta deliveries for the channel's number, each with its own message id, signed with the App Secret. */
export function metaDeliveries(count: number, channel: { phoneNumberId: string; appSecret: string }, prefix: string): Delivery[] {
  return Array.from({ length: count }, (_, index) => {
    const payload = JSON.parse(metaText) as {
      entry: { changes: { value: { metadata: { phone_number_id: string }; messages: { id: string; text: { body: string } }[] } }[] }[];
    };
    const value = payload.entry[0]!.changes[0]!.value;
    const messageId = `wamid.${prefix}.${index}`;
    value.metadata.phone_number_id = channel.phoneNumberId;
    value.messages[0]!.id = messageId;
    value.messages[0]!.text.body = `Durability delivery ${index} of run ${prefix}`;
    const body = JSON.stringify(payload);
    return { messageId, idempotencyKey: `message:${messageId}`, body, signature: sign(body, channel.appSecret) };
  });
}

/** X-Hub-Signature-256 as Meta computes it: HMAC-SHA256 of the exact body bytes with the App Secret. */
export function sign(body: string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(Buffer.from(body, "utf8")).digest("hex")}`;
}

export interface Answer {
  delivery: Delivery;
  /** HTTP status, or null when the connection failed (refused, reset, timed out). */
  status: number | null;
  error: string | null;
  body: string;
  retryAfter: string | null;
  /** performance.now() when the request was sent and when its answer (or failure) arrived. */
  sentAt: number;
  answeredAt: number;
}

export async function deliver(url: string, delivery: Delivery, timeoutMs = 15_000): Promise<Answer> {
  const sentAt = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": delivery.signature },
      body: delivery.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { delivery, status: response.status, error: null, body, retryAfter: response.headers.get("retry-after"), sentAt, answeredAt: performance.now() };
  } catch (error) {
    return { delivery, status: null, error: describeFetchError(error), body: "", retryAfter: null, sentAt, answeredAt: performance.now() };
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

export interface LoadOptions {
  concurrency: number;
  /** Checked before each send: true ends the load (requests already sent still get their answer). */
  shouldStop?: () => boolean;
  onAnswer?: (answer: Answer) => void;
}

/** Sends `deliveries` in order with at most `concurrency` in flight; answers one Answer per delivery sent. */
export async function runLoad(url: string, deliveries: Delivery[], options: LoadOptions): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length && !options.shouldStop?.()) {
      const answer = await deliver(url, deliveries[next++]!);
      answers.push(answer);
      options.onAnswer?.(answer);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return answers;
}

/** Counts of answers by status ("200", "503", "error:ECONNREFUSED", …), for messages and the report. */
export function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.status === null ? `error:${answer.error}` : String(answer.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
