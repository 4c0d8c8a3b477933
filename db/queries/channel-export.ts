import { count, eq, sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Db } from "../client";
import * as schema from "../schema";
import { channels, channelTransferQueues, exportTaskChannels, ous, skillQueues, type StoredExportSelection } from "../schema";
import { channelFilterWhere } from "./channel-list";
import type { ExportChannelRecord } from "./export-record";

/*
 * The channels an export task writes, read from one REPEATABLE READ snapshot on a connection of
 * its own: the count, the order and every row agree even while administrators keep editing, so
 * the files hold exactly `total` rows. Both kinds of selection (the list's filters, or the ticked
 * channels kept in export_task_channels) are read by keyset over the list's name index, so memory
 * does not grow with the export. OU paths, skill-queue names and transfer queues come from maps
 * read in the same snapshot.
 */

export interface ExportSnapshot {
  total: number;
  batches(size: number): AsyncGenerator<ExportChannelRecord[]>;
  close(): Promise<void>;
}

/**
 * The columns an export reads: never `secrets`, `settings` (which holds provider details), the
 * webhook key or the integration tokens, so no secret even reaches the worker's memory. Plain
 * rows without the ORM's per-row mapping (a batch as one json_agg document measured slower).
 */
const COLUMNS = sql.raw(`channels.name, channel_type, provider, verification_method, status, phone_number, ou_id, skill_queue_id,
  transfer_keywords, work_time, non_working_notice, last_agent_mode,
  no_customer_reply_enabled, no_customer_reply_minutes, no_customer_reply_message,
  no_agent_reply_enabled, no_agent_reply_minutes, no_agent_reply_queue_id,
  session_transfer_enabled, offline_messages_enabled, robot_enabled, robot_name, robot_assistant_enabled,
  (extract(epoch from created_at) * 1000)::float8 as created_ms, (extract(epoch from updated_at) * 1000)::float8 as updated_ms,
  id, lower(name) as sort_key`);
const ORDER = sql.raw("order by lower(name), id");

/** `labelOuPath` writes an OU's path (root first) the way the product shows it (lib/ous/tree.ts). */
export async function openExportSnapshot(
  pool: pg.Pool,
  task: { tenantId: string; id: string; selection: StoredExportSelection },
  labelOuPath: (names: readonly string[]) => string,
): Promise<ExportSnapshot> {
  const { tenantId, id: taskId, selection } = task;
  const client = await pool.connect();
  let released = false;
  const close = async () => {
    if (released) return;
    released = true;
    await client.query("rollback").catch(() => {});
    client.release();
  };
  try {
    await client.query("begin isolation level repeatable read read only");
    const db = drizzle(client, { schema, casing: "snake_case" });
    // One connection runs one query at a time: these are sequential on purpose.
    const ouRows = await db.select({ id: ous.id, parentId: ous.parentId, name: ous.name }).from(ous).where(eq(ous.tenantId, tenantId));
    const queueRows = await db.select({ id: skillQueues.id, name: skillQueues.name }).from(skillQueues).where(eq(skillQueues.tenantId, tenantId));
    const transferRows = await db
      .select({ channelId: channelTransferQueues.channelId, queueIds: sql<string[]>`array_agg(${channelTransferQueues.skillQueueId})` })
      .from(channelTransferQueues)
      .where(eq(channelTransferQueues.tenantId, tenantId))
      .groupBy(channelTransferQueues.channelId);
    const ouPath = ouPathResolver(ouRows, labelOuPath);
    const queueName = new Map(queueRows.map((queue) => [queue.id, queue.name]));
    const transfers = new Map(transferRows.map((row) => [row.channelId, row.queueIds]));
    const records = (rows: ExportedRow[]) => rows.map((row) => toRecord(row, ouPath, queueName, transfers.get(row.id) ?? []));

    let total: number;
    /** A batch of up to `size` rows, and whether rows may remain after it. */
    let fetchBatch: (size: number) => Promise<{ rows: ExportedRow[]; more: boolean }>;
    if (selection.kind === "selected") {
      // Ticked channels by their position (numbered 1…n in name order when the task was made), a
      // window of `size` positions per batch. Bounded on both sides on purpose: the table was filled
      // a moment ago, so the planner knows nothing of it, and with only a lower bound it joined every
      // remaining position to channels for each batch and kept the first `size` (35 s for 100,000).
      const ticked = sql`${exportTaskChannels} s join ${channels} on channels.tenant_id = s.tenant_id and channels.id = s.channel_id
        where s.task_id = ${taskId} and s.tenant_id = ${tenantId}`;
      total = await plainCount(db, sql`select count(*)::int as n from ${ticked}`);
      const last = await plainCount(
        db,
        sql`select coalesce(max(position), 0)::int as n from ${exportTaskChannels} where task_id = ${taskId} and tenant_id = ${tenantId}`,
      );
      let after = 0;
      fetchBatch = async (size) => {
        const from = after;
        after += size;
        // A channel deleted since it was ticked leaves a gap: a window may hold fewer rows, never the last.
        const rows = await plainRows(db, sql`select ${COLUMNS} from ${ticked} and s.position > ${from} and s.position <= ${after} order by s.position`);
        return { rows, more: after < last };
      };
    } else {
      // The list's filters by keyset over its (tenant, lower(name), id) index.
      const where = channelFilterWhere({ tenantId }, selection.filters as Parameters<typeof channelFilterWhere>[1]);
      total = (await db.select({ n: count() }).from(channels).where(where))[0]!.n;
      let after: { key: string; id: string } | null = null;
      fetchBatch = async (size) => {
        const cursor = after ? sql`and (lower(name), id) > (${after.key}, ${after.id}::uuid)` : sql``;
        const rows = await plainRows(db, sql`select ${COLUMNS} from channels where ${where} ${cursor} ${ORDER} limit ${size}`);
        const last = rows.at(-1);
        if (last) after = { key: last.sort_key, id: last.id };
        return { rows, more: rows.length === size };
      };
    }

    // The next batch is read while the caller writes this one, so PostgreSQL and the writer overlap.
    async function* batches(size: number): AsyncGenerator<ExportChannelRecord[]> {
      let fetched = 0;
      let next = total > 0 ? fetchBatch(size) : null;
      while (next) {
        const { rows, more } = await next;
        fetched += rows.length;
        next = more && fetched < total ? fetchBatch(size) : null;
        if (rows.length) yield records(rows);
      }
    }
    return { total, batches, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function plainRows(db: { execute: Db["execute"] }, query: SQL): Promise<ExportedRow[]> {
  return (await db.execute<ExportedRow>(query)).rows;
}

async function plainCount(db: { execute: Db["execute"] }, query: SQL): Promise<number> {
  return (await db.execute<{ n: number }>(query)).rows[0]!.n;
}

type ExportedRow = {
  name: string;
  channel_type: ExportChannelRecord["channelType"];
  provider: ExportChannelRecord["provider"];
  verification_method: ExportChannelRecord["verificationMethod"];
  status: ExportChannelRecord["status"];
  phone_number: string | null;
  ou_id: string;
  skill_queue_id: string;
  transfer_keywords: string[];
  work_time: ExportChannelRecord["workTime"];
  non_working_notice: string;
  last_agent_mode: boolean;
  no_customer_reply_enabled: boolean;
  no_customer_reply_minutes: number | null;
  no_customer_reply_message: string;
  no_agent_reply_enabled: boolean;
  no_agent_reply_minutes: number | null;
  no_agent_reply_queue_id: string | null;
  session_transfer_enabled: boolean;
  offline_messages_enabled: boolean;
  robot_enabled: boolean;
  robot_name: string;
  robot_assistant_enabled: boolean;
  created_ms: number;
  updated_ms: number;
  id: string;
  sort_key: string;
};

function toRecord(
  row: ExportedRow,
  ouPath: (id: string) => string,
  queueName: Map<string, string>,
  transferQueueIds: string[],
): ExportChannelRecord {
  const queue = (id: string) => queueName.get(id) ?? "";
  return {
    name: row.name,
    channelType: row.channel_type,
    provider: row.provider,
    verificationMethod: row.verification_method,
    status: row.status,
    phoneNumber: row.phone_number,
    ou: ouPath(row.ou_id),
    skillQueue: queue(row.skill_queue_id),
    transferKeywords: row.transfer_keywords,
    workTime: row.work_time,
    nonWorkingNotice: row.non_working_notice,
    lastAgentMode: row.last_agent_mode,
    noCustomerReply: {
      enabled: row.no_customer_reply_enabled,
      minutes: row.no_customer_reply_enabled ? row.no_customer_reply_minutes : null,
      message: row.no_customer_reply_enabled ? row.no_customer_reply_message : "",
    },
    noAgentReply: {
      enabled: row.no_agent_reply_enabled,
      minutes: row.no_agent_reply_enabled ? row.no_agent_reply_minutes : null,
      skillQueue: row.no_agent_reply_enabled && row.no_agent_reply_queue_id ? queue(row.no_agent_reply_queue_id) : null,
    },
    sessionTransfer: {
      enabled: row.session_transfer_enabled,
      skillQueues: row.session_transfer_enabled ? transferQueueIds.map(queue).sort((a, b) => a.localeCompare(b)) : [],
    },
    offlineMessages: row.offline_messages_enabled,
    robotEnabled: row.robot_enabled,
    robotName: row.robot_enabled ? row.robot_name : "",
    robotAssistantEnabled: row.robot_assistant_enabled,
    // Epoch milliseconds: the ORM's driver leaves timestamps as text, and numbers are cheaper to read anyway.
    createdAt: new Date(Number(row.created_ms)),
    updatedAt: new Date(Number(row.updated_ms)),
  };
}

/** "Sales › EMEA" for an OU id, memoised: thousands of channels share a handful of OUs. */
function ouPathResolver(
  rows: { id: string; parentId: string | null; name: string }[],
  labelOuPath: (names: readonly string[]) => string,
): (id: string) => string {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const memo = new Map<string, string>();
  return (id) => {
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    const names: string[] = [];
    const seen = new Set<string>();
    for (let node = byId.get(id); node && !seen.has(node.id); node = node.parentId ? byId.get(node.parentId) : undefined) {
      seen.add(node.id);
      names.unshift(node.name);
    }
    const label = labelOuPath(names);
    memo.set(id, label);
    return label;
  };
}
