import { sql } from "drizzle-orm";
import type { Db } from "../client";

export interface QueueDepthRow {
  task: string;
  waiting: number;
  scheduled: number;
  locked: number;
  failed: number;
}

/**
 * graphile-worker's jobs per task and state, in one pass over its table (metrics scrape). Every
 * task the queue knows is listed, with zeros when it has no job, so an alert sees 0, not nothing.
 */
export async function readQueueDepth(db: Db): Promise<QueueDepthRow[]> {
  const result = await db.execute<{ task: string; waiting: string; scheduled: string; locked: string; failed: string }>(sql`
    select t.identifier as task,
      count(j.id) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at <= now()) as waiting,
      count(j.id) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at > now()) as scheduled,
      count(j.id) filter (where j.locked_at is not null) as locked,
      count(j.id) filter (where j.locked_at is null and j.attempts >= j.max_attempts) as failed
    from graphile_worker._private_tasks t
    left join graphile_worker._private_jobs j on j.task_id = t.id
    group by t.identifier`);
  return result.rows.map((row) => ({
    task: row.task,
    waiting: Number(row.waiting),
    scheduled: Number(row.scheduled),
    locked: Number(row.locked),
    failed: Number(row.failed),
  }));
}
