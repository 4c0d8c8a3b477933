import { and, asc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { ExportChannelRecord } from "@/lib/exports/record";
import { ouPathLabel } from "@/lib/ous/tree";
import * as schema from "../schema";
import { channels, channelTransferQueues, ous, skillQueues, type ExportSelection } from "../schema";
import { channelFilterWhere } from "./channel-list";

/*
 * The channels an export task writes, read from one REPEATABLE READ snapshot on a connection of
 * its own: the count, the order and every row agree even while administrators keep editing, so
 * the files hold exactly `total` rows. The ids are read once in export order (by name), then the
 * rows in batches by id, with OU and skill-queue names resolved from maps read in the same snapshot.
 */

export interface ExportSnapshot {
  total: number;
  batches(size: number): AsyncGenerator<ExportChannelRecord[]>;
  close(): Promise<void>;
}

export async function openExportSnapshot(pool: pg.Pool, tenantId: string, selection: ExportSelection): Promise<ExportSnapshot> {
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
    const where =
      selection.kind === "selected"
        ? and(eq(channels.tenantId, tenantId), idIn(selection.channelIds))
        : channelFilterWhere({ tenantId }, selection.filters as Parameters<typeof channelFilterWhere>[1]);
    // One connection runs one query at a time.
    const ids = await db.select({ id: channels.id }).from(channels).where(where).orderBy(asc(sql`lower(${channels.name})`), asc(channels.id));
    const ouRows = await db.select({ id: ous.id, parentId: ous.parentId, name: ous.name }).from(ous).where(eq(ous.tenantId, tenantId));
    const queueRows = await db.select({ id: skillQueues.id, name: skillQueues.name }).from(skillQueues).where(eq(skillQueues.tenantId, tenantId));
    const ouPath = ouPathResolver(ouRows);
    const queueName = new Map(queueRows.map((queue) => [queue.id, queue.name]));

    async function* batches(size: number): AsyncGenerator<ExportChannelRecord[]> {
      for (let start = 0; start < ids.length; start += size) {
        const batch = ids.slice(start, start + size).map((row) => row.id);
        const rows = await db
          .select({
            channel: channels,
            transferQueueIds: sql<string[] | null>`(
              select array_agg(${channelTransferQueues.skillQueueId}::text) from ${channelTransferQueues}
              where ${channelTransferQueues.tenantId} = ${channels.tenantId} and ${channelTransferQueues.channelId} = ${channels.id})`,
          })
          .from(channels)
          .where(and(eq(channels.tenantId, tenantId), idIn(batch)))
          .orderBy(asc(sql`lower(${channels.name})`), asc(channels.id));
        yield rows.map(({ channel, transferQueueIds }) => toRecord(channel, transferQueueIds ?? [], ouPath, queueName));
      }
    }
    return { total: ids.length, batches, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function toRecord(
  row: schema.Channel,
  transferQueueIds: string[],
  ouPath: (id: string) => string,
  queueName: Map<string, string>,
): ExportChannelRecord {
  const queue = (id: string) => queueName.get(id) ?? "";
  return {
    name: row.name,
    channelType: row.channelType,
    provider: row.provider,
    verificationMethod: row.verificationMethod,
    status: row.status,
    phoneNumber: row.phoneNumber,
    ou: ouPath(row.ouId),
    skillQueue: queue(row.skillQueueId),
    transferKeywords: row.transferKeywords,
    workTime: row.workTime,
    nonWorkingNotice: row.nonWorkingNotice,
    lastAgentMode: row.lastAgentMode,
    noCustomerReply: {
      enabled: row.noCustomerReplyEnabled,
      minutes: row.noCustomerReplyEnabled ? row.noCustomerReplyMinutes : null,
      message: row.noCustomerReplyEnabled ? row.noCustomerReplyMessage : "",
    },
    noAgentReply: {
      enabled: row.noAgentReplyEnabled,
      minutes: row.noAgentReplyEnabled ? row.noAgentReplyMinutes : null,
      skillQueue: row.noAgentReplyEnabled && row.noAgentReplyQueueId ? queue(row.noAgentReplyQueueId) : null,
    },
    sessionTransfer: {
      enabled: row.sessionTransferEnabled,
      skillQueues: row.sessionTransferEnabled ? transferQueueIds.map(queue).sort((a, b) => a.localeCompare(b)) : [],
    },
    offlineMessages: row.offlineMessagesEnabled,
    robotEnabled: row.robotEnabled,
    robotName: row.robotEnabled ? row.robotName : "",
    robotAssistantEnabled: row.robotAssistantEnabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** "Sales › EMEA" for an OU id, memoised: thousands of channels share a handful of OUs. */
function ouPathResolver(rows: { id: string; parentId: string | null; name: string }[]): (id: string) => string {
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
    const label = ouPathLabel(names);
    memo.set(id, label);
    return label;
  };
}

/** One array parameter, not one per id: a selection can hold 100,000 ids, past PostgreSQL's 65,535 parameters. */
export function idIn(ids: string[]) {
  return sql`${channels.id} = any(${sql.param(ids)}::uuid[])`;
}
