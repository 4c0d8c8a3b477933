/**
 * The channel list at 100,000 channels of one tenant: server time of listChannels for the first
 * page, a deep page and name searches, against OFFSET pagination and a search without the trigram
 * index measured in the same run. See bench/README.md. Usage: npm run bench:channels
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { createPool, type DbOrTx } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { CHANNEL_COUNT_CAP, CHANNEL_LIST_PAGE_SIZE, encodeCursor, escapeLike, listChannels, type ChannelListQuery } from "@/db/queries/channel-list";
import { createTenant } from "@/db/queries/tenants";
import * as schema from "@/db/schema";
import { seedBulkChannels } from "@/testing/seed/bulk";
import { generateKey } from "@/lib/crypto/secrets";
import { log, openBenchDatabase, startBenchRun } from "./harness";
import { measure, round, table, type Timing } from "./measure";

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CHANNELS = env("BENCH_CHANNELS", 100_000);
const OTHER_TENANT_CHANNELS = env("BENCH_OTHER_CHANNELS", 10_000);
const WARMUP = env("BENCH_WARMUP", 5);
const RUNS = env("BENCH_RUNS", 50);
const PG_PORT = env("BENCH_PG_PORT", 55_630);
const TIME_LIMIT_MS = env("BENCH_TIME_LIMIT_MINUTES", 30) * 60_000;
const DEEP_ROW = Math.floor(CHANNELS * 0.9);
/** Issue 14's goal: every case of the list answers within 50 ms at the 95th percentile. */
const GOAL_P95_MS = 50;
const RESULTS_FILE = path.join(import.meta.dirname, "results", "channel-list.json");

const started = Date.now();
const run = startBenchRun(TIME_LIMIT_MS);

async function main() {
  process.env.SECRETS_KEY ||= generateKey();
  const database = await openBenchDatabase(run, PG_PORT, "cc-bench");
  log(`database: ${database.embedded ? `embedded PostgreSQL on port ${PG_PORT} (throwaway)` : "DATABASE_URL"}`);
  const pool = createPool(database.url, { max: 4 });
  run.onCleanup(() => pool.end());
  // A logger that can capture the SQL of one call, to show its plan.
  let captured: { sql: string; params: unknown[] }[] | null = null;
  const db = drizzle(pool, { schema, casing: "snake_case", logger: { logQuery: (query, params) => captured?.push({ sql: query, params }) } });
  await runMigrations(db);

  const tenant = await createTenant(db, { name: `Bench ${Date.now().toString(36)}` });
  const other = await createTenant(db, { name: `Bench other ${Date.now().toString(36)}` });
  if (!database.embedded) {
    run.onCleanup(async () => {
      for (const id of [tenant.id, other.id]) {
        await pool.query("delete from channels where tenant_id = $1", [id]);
        await pool.query("delete from tenants where id = $1", [id]);
      }
    });
  }
  const scope = { tenantId: tenant.id };

  log(`seeding ${CHANNELS.toLocaleString("en")} channels (+${OTHER_TENANT_CHANNELS.toLocaleString("en")} in another tenant)…`);
  const seed = await seedBulkChannels(db, tenant.id, CHANNELS, {
    onProgress: (done, total) => done % 20_000 === 0 && log(`  ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`),
  });
  if (OTHER_TENANT_CHANNELS > 0) await seedBulkChannels(db, other.id, OTHER_TENANT_CHANNELS);
  await pool.query("vacuum (analyze) channels");
  log(`seeded in ${(seed.milliseconds / 1000).toFixed(1)} s; vacuumed and analyzed`);

  const deadline = started + TIME_LIMIT_MS - 120_000;
  const time = (fn: () => Promise<unknown>) => measure(fn, { warmup: WARMUP, runs: RUNS, deadline });
  const base: ChannelListQuery = { q: "", sort: "name", order: "asc" };
  const columns = "id, name, channel_type, provider, verification_method, status, phone_number, created_at, updated_at";
  const list = (query: Partial<ChannelListQuery>, on: DbOrTx = db) => listChannels(on, scope, { ...base, ...query });
  /** Both sides of the search comparison run in a transaction, one with the trigram index out of reach. */
  const inTx = (settings: string[], query: Partial<ChannelListQuery>) =>
    db.transaction(async (tx) => {
      for (const setting of settings) await tx.execute(sql.raw(`set local ${setting}`));
      return list(query, tx);
    });
  /**
   * A page read the usual way: one query of the table's rows in name order with the filters, and
   * the same capped count. For a search or filter matching many rows it is what the list did before
   * it found a page's ids in the index alone.
   */
  const fromTableRows = (filter: { q?: string; provider?: string }) => {
    const where = ["tenant_id = $1"];
    const params: unknown[] = [tenant.id];
    if (filter.provider) where.push(`provider = $${params.push(filter.provider)}`);
    if (filter.q) where.push(`lower(name) like $${params.push(`%${escapeLike(filter.q)}%`)}`);
    const filtered = `from channels where ${where.join(" and ")}`;
    return () =>
      Promise.all([
        pool.query(`select ${columns}, lower(name) as key ${filtered} order by lower(name), id limit ${CHANNEL_LIST_PAGE_SIZE + 1}`, params),
        pool.query(`select count(*)::int from (select 1 ${filtered} limit ${CHANNEL_COUNT_CAP + 1}) s`, params),
      ]);
  };
  const tableRows = (filter: { q?: string; provider?: string }) => ({ label: "rows read from the table", run: fromTableRows(filter) });
  const searchCase = (id: string, label: string, q: string, baseline: "trigram-off" | "table-rows") => ({
    id,
    label,
    ours: () => inTx([], { q }),
    baseline: baseline === "trigram-off" ? { label: "same query, trigram index off", run: () => inTx(["enable_bitmapscan = off"], { q }) } : tableRows({ q }),
  });

  // The deep page: the row at DEEP_ROW in name order gives the keyset cursor; OFFSET reaches the same rows.
  const nameOrder = "where tenant_id = $1 order by lower(name), id";
  const { rows: [anchor] } = await pool.query<{ id: string; key: string }>(
    `select id, lower(name) as key from channels ${nameOrder} offset $2 limit 1`,
    [tenant.id, DEEP_ROW - 1],
  );
  const deepCursor = encodeCursor("name", { key: anchor!.key, id: anchor!.id });
  const offsetPage = (offset: number) =>
    Promise.all([
      pool.query(`select ${columns} from channels ${nameOrder} limit ${CHANNEL_LIST_PAGE_SIZE} offset $2`, [tenant.id, offset]),
      pool.query("select count(*)::int as count from channels where tenant_id = $1", [tenant.id]),
    ]);
  const ours = await list({ after: deepCursor });
  const [theirs] = await offsetPage(DEEP_ROW);
  if (ours.items.map((item) => item.id).join() !== theirs.rows.map((row: { id: string }) => row.id).join()) {
    throw new Error("the keyset deep page and the OFFSET deep page differ: the list is wrong");
  }

  // Searches: a substring of few names (ten seed numbers, `_0900x`) and one of a sixth of them (one provider).
  const fewQ = `_${String(Math.floor(DEEP_ROW / 10)).padStart(Math.max(6, String(CHANNELS - 1).length) - 1, "0")}`;
  // Many matches two ways: spread evenly over the name order (numbers ending in 5), and bunched
  // together (one provider: its names follow every name of the providers before it).
  const spreadQ = "5_";
  const manyQ = "infobip";
  const lateQ = "twilio";
  const matches = async (q: string) => (await pool.query("select count(*)::int as n from channels where tenant_id = $1 and lower(name) like $2", [tenant.id, `%${escapeLike(q)}%`])).rows[0].n as number;
  const [fewCount, spreadCount, manyCount, lateCount] = [await matches(fewQ), await matches(spreadQ), await matches(manyQ), await matches(lateQ)];

  const cases: { id: string; label: string; ours: () => Promise<unknown>; baseline?: { label: string; run: () => Promise<unknown> } }[] = [
    { id: "first-page", label: "first page (name A→Z)", ours: () => list({}), baseline: { label: "OFFSET 0 + count(*)", run: () => offsetPage(0) } },
    {
      id: "deep-page",
      label: `deep page (row ${DEEP_ROW.toLocaleString("en")}, name)`,
      ours: () => list({ after: deepCursor }),
      baseline: { label: `OFFSET ${DEEP_ROW} + count(*)`, run: () => offsetPage(DEEP_ROW) },
    },
    { id: "deep-page-back", label: "deep page, Previous (before cursor)", ours: () => list({ before: deepCursor }) },
    searchCase("search-few", `search "${fewQ}" (${fewCount} matches)`, fewQ, "trigram-off"),
    searchCase("search-many", `search "${manyQ}" (${manyCount.toLocaleString("en")} matches, bunched)`, manyQ, "table-rows"),
    searchCase("search-many-spread", `search "${spreadQ}" (${spreadCount.toLocaleString("en")} matches, spread)`, spreadQ, "table-rows"),
    searchCase("search-many-late", `search "${lateQ}" (${lateCount.toLocaleString("en")} matches, last in name order)`, lateQ, "table-rows"),
    { id: "first-page-updated", label: "first page (last changed, newest first)", ours: () => list({ sort: "updated", order: "desc" }) },
    { id: "filter-disabled", label: "first page, status = disabled", ours: () => list({ status: "disabled" }) },
    { id: "filter-twilio-search", label: `provider = twilio + search "${fewQ}"`, ours: () => list({ provider: "twilio", q: fewQ }) },
    { id: "filter-twilio", label: "first page, provider = twilio (last in name order)", ours: () => list({ provider: "twilio" }), baseline: tableRows({ provider: "twilio" }) },
    {
      id: "count-capped",
      label: "count: capped at 1,000 (what the list runs)",
      ours: () => pool.query("select count(*)::int from (select 1 from channels where tenant_id = $1 limit 1001) s", [tenant.id]),
      baseline: { label: "exact count(*)", run: () => pool.query("select count(*)::int from channels where tenant_id = $1", [tenant.id]) },
    },
    {
      id: "count-capped-search",
      label: `count "${manyQ}": capped at 1,000`,
      ours: () => pool.query("select count(*)::int from (select 1 from channels where tenant_id = $1 and lower(name) like $2 limit 1001) s", [tenant.id, `%${manyQ}%`]),
      baseline: {
        label: "exact count(*)",
        run: () => pool.query("select count(*)::int from channels where tenant_id = $1 and lower(name) like $2", [tenant.id, `%${manyQ}%`]),
      },
    },
  ];

  const results = [];
  for (const entry of cases) {
    const oursTiming = await time(entry.ours);
    const baselineTiming = entry.baseline ? await time(entry.baseline.run) : undefined;
    const ratio = baselineTiming ? round(baselineTiming.median / oursTiming.median) : undefined;
    results.push({ id: entry.id, label: entry.label, ours: oursTiming, baseline: baselineTiming && { label: entry.baseline!.label, ...baselineTiming }, ratio });
    log(`${entry.label}: ${oursTiming.median} ms${baselineTiming ? ` vs ${baselineTiming.median} ms (×${ratio})` : ""}`);
  }

  // The plans behind the figures: which index each query of the list used.
  const plans: Record<string, string[]> = {};
  for (const [id, run] of [
    ["deep-page", () => list({ after: deepCursor })],
    ["search-few", () => list({ q: fewQ })],
    ["search-many", () => list({ q: manyQ })],
    ["search-many-late", () => list({ q: lateQ })],
    ["filter-twilio", () => list({ provider: "twilio" })],
  ] as const) {
    captured = [];
    await run();
    const queries = captured;
    captured = null;
    plans[id] = [];
    for (const query of queries) {
      const { rows } = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, costs off) ${query.sql}`, query.params);
      plans[id].push(...rows.map((row) => row["QUERY PLAN"]), "");
    }
  }

  const { rows: [version] } = await pool.query<{ server_version: string }>("show server_version");
  const report = {
    createdAt: new Date().toISOString(),
    environment: { node: process.version, postgres: version?.server_version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}` },
    data: { channels: CHANNELS, otherTenantChannels: OTHER_TENANT_CHANNELS, seedSeconds: round(seed.milliseconds / 1000), deepRow: DEEP_ROW, searchFew: { q: fewQ, matches: fewCount }, searchMany: { q: manyQ, matches: manyCount }, searchSpread: { q: spreadQ, matches: spreadCount }, searchLate: { q: lateQ, matches: lateCount } },
    settings: { warmup: WARMUP, runs: RUNS, pageSize: CHANNEL_LIST_PAGE_SIZE, timeUnit: "ms (wall clock around the call, in the bench process)" },
    goal: { p95Ms: GOAL_P95_MS, missed: results.filter((r) => r.ours.p95 > GOAL_P95_MS).map((r) => r.id) },
    results,
    plans,
    totalSeconds: round((Date.now() - started) / 1000),
  };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + "\n");

  const fmt = (timing?: Timing) => (timing ? `${timing.median} / ${timing.p95}` : "—");
  console.info(
    "\n" +
      table(
        ["case", "ours median / p95 ms", "baseline", "baseline median / p95 ms", "ratio", `p95 ≤ ${GOAL_P95_MS} ms`],
        results.map((r) => [r.label, fmt(r.ours), r.baseline?.label ?? "—", fmt(r.baseline), r.ratio ? `×${r.ratio}` : "—", r.ours.p95 <= GOAL_P95_MS ? "met" : "MISSED"]),
      ) +
      `\n\n${CHANNELS.toLocaleString("en")} channels in the tenant, ${OTHER_TENANT_CHANNELS.toLocaleString("en")} in another; ` +
      `${WARMUP} warm-up + ${RUNS} runs per case; PostgreSQL ${version?.server_version}, ${os.cpus().length} CPUs.` +
      `\nratio = baseline median / ours median. Plans and raw figures: ${path.relative(process.cwd(), RESULTS_FILE)}`,
  );
  for (const [id, lines] of Object.entries(plans)) {
    const summary = lines.filter((line) => /Scan|Execution Time/.test(line)).map((line) => line.trim());
    console.info(`\nplan ${id}:\n  ${summary.join("\n  ")}`);
  }
  if (report.goal.missed.length) {
    console.error(`\n[bench] goal missed (p95 > ${GOAL_P95_MS} ms): ${report.goal.missed.join(", ")}`);
    process.exitCode = 1;
  }
}

try {
  await main();
  await run.finish();
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await run.finish();
  process.exitCode = 1;
}
