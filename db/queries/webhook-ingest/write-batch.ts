import type pg from "pg";
import { applyStatuses } from "./delivery-states";
import { upsertEndpointStatus } from "./endpoint-status";
import { storeBatch } from "./store-batch";
import type { StatusFold, WebhookWrite, WriteResult } from "./types";

/** Deadlock, serialization failure, or a channel deleted under the batch: the batch is retried whole. */
const RETRYABLE = new Set(["40P01", "40001", "23503"]);
const MAX_TRIES = 3;

/**
 * Most batches are new messages (and their log rows) only: one statement, committed on its own,
 * so a batch costs one round trip. A batch with status reports or a live-status update also
 * moves delivery states (by `foldStatuses`, the caller's status order) and the URL's status row,
 * in one transaction around the same statement.
 */
export async function writeWebhookBatch(pool: pg.Pool, writes: WebhookWrite[], foldStatuses: StatusFold): Promise<WriteResult[]> {
  const inTransaction = writes.some((write) => write.touchesEndpointStatus || write.events.some((event) => event.kind === "status"));
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    for (let tries = 1; ; tries++) {
      try {
        if (!inTransaction) return (await storeBatch(client, writes)).results;
        await client.query("BEGIN");
        const stored = await storeBatch(client, writes);
        await applyStatuses(client, stored.newStatuses, foldStatuses);
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
