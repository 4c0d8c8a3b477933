/*
 * The exports bench's baseline: what PostgreSQL and zip alone cost for the rows an export writes.
 * `COPY (the same channels, columns and joins, in name order) TO STDOUT` as CSV, cut into files of
 * 2,000 records and zipped with yazl (deflate), all in the bench process.
 */
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import yazl from "yazl";
import { EXPORT_ROWS_PER_FILE } from "@/lib/exports/record";

const BASELINE_SQL = `
  copy (
    select c.name, c.channel_type, c.provider, c.verification_method, c.status, c.phone_number,
           o.name as ou, q.name as skill_queue, array_to_string(c.transfer_keywords, '; ') as transfer_keywords,
           c.work_time::text, c.non_working_notice, c.last_agent_mode,
           c.no_customer_reply_enabled, c.no_customer_reply_minutes, c.no_customer_reply_message,
           c.no_agent_reply_enabled, c.no_agent_reply_minutes, nq.name as no_agent_reply_queue,
           c.session_transfer_enabled,
           (select string_agg(tq.name, '; ') from channel_transfer_queues t join skill_queues tq on tq.id = t.skill_queue_id
             where t.tenant_id = c.tenant_id and t.channel_id = c.id) as transfer_queues,
           c.offline_messages_enabled, c.robot_enabled, c.robot_name, c.robot_assistant_enabled,
           c.created_at, c.updated_at
    from channels c
    join ous o on o.tenant_id = c.tenant_id and o.id = c.ou_id
    join skill_queues q on q.tenant_id = c.tenant_id and q.id = c.skill_queue_id
    left join skill_queues nq on nq.tenant_id = c.tenant_id and nq.id = c.no_agent_reply_queue_id
    where c.tenant_id = $TENANT
    order by lower(c.name), c.id
  ) to stdout with (format csv, header)`;

/**
 * The tables the baseline's query plans over. Until they have statistics its per-channel transfer
 * queue subquery is planned as a BitmapAnd with the (tenant, queue) index, which matches every
 * transfer row of the tenant for each of 100,000 channels: the 46 s baseline of 2026-12-05, gone
 * once autovacuum analyzed channel_transfer_queues a minute or two after the seed.
 */
export const BASELINE_TABLES = ["channels", "channel_transfer_queues", "ous", "skill_queues"] as const;

export async function copyBaseline(pool: pg.Pool, tenantId: string): Promise<{ ms: number; bytes: number }> {
  const client = await pool.connect();
  const started = performance.now();
  try {
    const zip = new yazl.ZipFile();
    let bytes = 0;
    const counted = pipeline(zip.outputStream, new Writable({ write: (chunk: Buffer, _e, done) => ((bytes += chunk.length), done()) }));
    let lines: string[] = [];
    let header = "";
    let rest = "";
    let file = 0;
    const addFile = () => {
      zip.addBuffer(Buffer.from(header + lines.join("")), `channels-${String(++file).padStart(3, "0")}.csv`);
      lines = [];
    };
    const copy = client.query(copyTo(BASELINE_SQL.replace("$TENANT", `'${tenantId}'`)));
    // Cut at record ends (a quoted field may hold a newline: count quotes to know).
    let record = "";
    let quotes = 0;
    for await (const chunk of copy) {
      rest += (chunk as Buffer).toString("utf8");
      let newline: number;
      while ((newline = rest.indexOf("\n")) >= 0) {
        const line = rest.slice(0, newline + 1);
        rest = rest.slice(newline + 1);
        record += line;
        quotes += line.split('"').length - 1;
        if (quotes % 2 === 1) continue;
        if (!header) header = record;
        else {
          lines.push(record);
          if (lines.length === EXPORT_ROWS_PER_FILE) addFile();
        }
        record = "";
        quotes = 0;
      }
    }
    if (lines.length) addFile();
    zip.end();
    await counted;
    return { ms: performance.now() - started, bytes };
  } finally {
    client.release();
  }
}
