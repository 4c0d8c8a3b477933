import type pg from "pg";

/*
 * webhook_attempts is written by the batch statement (store-batch.ts), one row per call; this keeps
 * it bounded.
 */

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
