import { sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "@/db/client";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { seedBulkChannels } from "@/testing/seed/bulk";
import { openExportSnapshot } from "./channel-export";
import { insertExportTask } from "./export-tasks";

/*
 * Reading a task's ticked channels (export_task_channels) as the worker does: right after the task
 * was made, when PostgreSQL has no statistics for the rows just written. Each batch must read its
 * own window of ticked rows, not every row after the last one read (which made 100,000 ticked
 * channels take 35 s against 3 s by filter), and still give every channel once, in name order.
 */

const TICKED = 3_000;
const BATCH = 500;

let t: TestDatabase;
let pool: pg.Pool;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let namesInOrder: string[];
let ids: string[];
let otherTenantIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  await seedBulkChannels(t.db, a.tenant.id, TICKED);
  await seedBulkChannels(t.db, b.tenant.id, 20);
  const channels = async (tenantId: string) =>
    (await t.db.execute<{ id: string; name: string }>(sql`select id, name from channels where tenant_id = ${tenantId} order by lower(name), id`)).rows;
  const own = await channels(a.tenant.id);
  namesInOrder = own.map((row) => row.name);
  ids = own.map((row) => row.id);
  otherTenantIds = (await channels(b.tenant.id)).map((row) => row.id);
  pool = createPool(t.url, { max: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await t?.close();
});

/** A task of tenant A with `channelIds` ticked, in the order given (people tick in any order). */
async function tickedTask(channelIds: string[]) {
  return t.db.transaction((tx) =>
    insertExportTask(tx, { tenantId: a.tenant.id }, {
      createdByUserId: a.support.id,
      createdByEmail: a.support.email,
      format: "xlsx",
      locale: "en",
      selection: { kind: "selected", channelIds },
      totalRows: 0,
      priority: 0,
    }),
  );
}

/** Every row read from export_task_channels by each query of the snapshot that names it, from the query's own plan. */
function spyOnTickedReads(target: pg.Pool) {
  const rowsPerQuery: number[] = [];
  const spied = {
    connect: async () => {
      const client = await target.connect();
      const query = client.query.bind(client) as (config: unknown, values?: unknown) => Promise<pg.QueryResult>;
      const spy = async (config: unknown, values?: unknown) => {
        const text = typeof config === "string" ? config : (config as { text?: string }).text;
        if (text && /from "export_task_channels" s join/.test(text) && /position/.test(text) && !/count\(/.test(text)) {
          const params = (config as { values?: unknown[] }).values ?? values;
          const plan = await query({ text: `explain (analyze, format json) ${text}`, values: params });
          rowsPerQuery.push(scannedRows(plan.rows[0]["QUERY PLAN"][0].Plan, "export_task_channels"));
        }
        return query(config, values);
      };
      const release = client.release.bind(client);
      Object.assign(client, { query: spy, release: (error?: boolean) => (Object.assign(client, { query, release }), release(error)) });
      return client;
    },
  } as unknown as pg.Pool;
  return { pool: spied, rowsPerQuery };
}

type PlanNode = { "Relation Name"?: string; "Actual Rows": number; "Actual Loops": number; Plans?: PlanNode[] };
const scannedRows = (node: PlanNode, relation: string): number =>
  (node["Relation Name"] === relation ? node["Actual Rows"] * node["Actual Loops"] : 0) +
  (node.Plans ?? []).reduce((sum, child) => sum + scannedRows(child, relation), 0);

async function readAll(pool: pg.Pool, task: Awaited<ReturnType<typeof tickedTask>>) {
  const snapshot = await openExportSnapshot(pool, task, (names) => names.join(" › "));
  try {
    const names: string[] = [];
    for await (const batch of snapshot.batches(BATCH)) names.push(...batch.map((record) => record.name));
    return { total: snapshot.total, names };
  } finally {
    await snapshot.close();
  }
}

describe("reading ticked channels", () => {
  it("reads each batch's window of ticked rows only, however many follow it", async () => {
    const task = await tickedTask([...ids].reverse());
    expect(task.totalRows).toBe(TICKED);
    const spy = spyOnTickedReads(pool);
    const { total, names } = await readAll(spy.pool, task);
    expect(total).toBe(TICKED);
    expect(names).toEqual(namesInOrder);
    expect(spy.rowsPerQuery).toHaveLength(TICKED / BATCH);
    for (const rows of spy.rowsPerQuery) expect(rows).toBeLessThanOrEqual(BATCH);
  });

  it("gives every ticked channel still there once, in name order, across the gaps deleted channels leave", async () => {
    const task = await tickedTask([...ids, ...otherTenantIds]);
    // Another tenant's ids are never stored: the task counts only tenant A's channels.
    expect(task.totalRows).toBe(TICKED);
    // A whole window (positions 501–1000), a few in another and the very last one go after the task was made.
    const gone = new Set([...ids.slice(BATCH, 2 * BATCH), ids[1_234]!, ids[2_001]!, ids.at(-1)!]);
    await t.db.execute(sql`delete from channels where tenant_id = ${a.tenant.id} and id = any(${sql.param([...gone])}::uuid[])`);
    const { total, names } = await readAll(pool, task);
    const expected = namesInOrder.filter((_name, i) => !gone.has(ids[i]!));
    expect(total).toBe(expected.length);
    expect(names).toEqual(expected);
  });

  it("stores nothing for ids that are all another tenant's", async () => {
    const task = await tickedTask(otherTenantIds);
    expect(task.totalRows).toBe(0);
    const stored = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from export_task_channels where task_id = ${task.id}`);
    expect(stored.rows[0]!.n).toBe(0);
  });
});
