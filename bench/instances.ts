/**
 * Issue 18: the webhook benchmark against two console instances behind the test load balancer
 * (testing/multi-instance/round-robin-proxy.ts) and against one instance behind the same balancer,
 * in the same run, on one PostgreSQL. Each instance is `scripts/serve.mjs` with one web process, so
 * "two instances" is two processes, as it would be on two one-core hosts. See bench/README.md.
 * Usage: npm run bench:instances
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateKey } from "@/lib/crypto/secrets";
import { startRoundRobinProxy } from "@/testing/multi-instance/round-robin-proxy";
import { ensureNextBuild, log, openWebhookBench, startBenchRun, startServer } from "./harness";
import { round, table } from "./measure";
import { metaDeliveryTemplate, signedLoad, type LoadResult } from "./signed-load";

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const PG_PORT = env("BENCH_PG_PORT", 55_650);
const PORT_A = env("BENCH_INSTANCE_A_PORT", 3193);
const PORT_B = env("BENCH_INSTANCE_B_PORT", 3194);
const PROXY_BOTH_PORT = env("BENCH_PROXY_BOTH_PORT", 3195);
const PROXY_ONE_PORT = env("BENCH_PROXY_ONE_PORT", 3196);
const CONNECTIONS = env("BENCH_CONNECTIONS", 50);
const DURATION_S = env("BENCH_DURATION_SECONDS", 15);
const WARMUP_S = env("BENCH_WARMUP_SECONDS", 5);
const ROUNDS = env("BENCH_ROUNDS", 2);
const TIME_LIMIT_MS = env("BENCH_TIME_LIMIT_MINUTES", 15) * 60_000;
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
const RESULTS_FILE = path.join(import.meta.dirname, "results", "instances.json");

const bench = startBenchRun(TIME_LIMIT_MS);

async function main() {
  const { database, pool, secretsKey, appSecret, addCloudChannel } = await openWebhookBench(bench, PG_PORT, "instances");
  // Replies off (addCloudChannel's default): this bench compares instance counts; bench:webhooks measures the reply.
  const channel = await addCloudChannel("benchinstances");
  const template = metaDeliveryTemplate(channel.phoneNumberId);
  const webhookPath = channel.webhookPath;

  ensureNextBuild(DIST_DIR);
  const serverEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    SECRETS_KEY: secretsKey,
    AUTH_SECRET: generateKey(),
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    TRUST_PROXY: "1",
    WEB_CONCURRENCY: "1",
  };
  for (const [name, port] of [["instance A", PORT_A], ["instance B", PORT_B]] as const) {
    log(`starting ${name} (scripts/serve.mjs, one web process) on port ${port}`);
    await startServer(bench, name, process.execPath, ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], serverEnv, `http://127.0.0.1:${port}/api/health`);
  }
  const both = await startRoundRobinProxy({ port: PROXY_BOTH_PORT, upstreamPorts: [PORT_A, PORT_B] });
  const one = await startRoundRobinProxy({ port: PROXY_ONE_PORT, upstreamPorts: [PORT_A] });
  bench.onCleanup(() => both.close());
  bench.onCleanup(() => one.close());

  const run = randomBytes(3).toString("hex");
  const load = (proxyUrl: string, label: string, seconds: number) => {
    log(`${label}: as fast as possible, ${CONNECTIONS} connections, ${seconds} s`);
    return signedLoad(`${proxyUrl}${webhookPath}`, template, appSecret, `${run}.${label}`, { connections: CONNECTIONS, seconds });
  };
  await load(one.url, "one-warmup", WARMUP_S);
  await load(both.url, "two-warmup", WARMUP_S);
  // Alternating rounds, so a slow spell of the machine does not land on one side only.
  const oneRuns: LoadResult[] = [];
  const twoRuns: LoadResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    oneRuns.push(await load(one.url, `one-${i}`, DURATION_S));
    twoRuns.push(await load(both.url, `two-${i}`, DURATION_S));
  }

  // Honesty: every 200 is a stored row, and the balancer spread the two-instance load.
  const stored = async (label: string) =>
    Number((await pool.query("select count(*) as n from webhook_events where channel_id = $1 and idempotency_key like $2", [channel.id, `message:${run}.${label}.%`])).rows[0].n);
  for (const [label, result] of [...oneRuns.map((r, i) => [`one-${i}`, r] as const), ...twoRuns.map((r, i) => [`two-${i}`, r] as const)]) {
    const rows = await stored(label);
    if (rows < result.ok || rows > result.ok + CONNECTIONS) throw new Error(`${label}: ${rows} stored rows for ${result.ok} answers`);
    if (result.non2xx + result.errors + result.timeouts > 0) throw new Error(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const spread = both.stats.byUpstream;

  const mean = (runs: LoadResult[]) => round(runs.reduce((sum, r) => sum + r.requestsPerSecond, 0) / runs.length);
  const oneRate = mean(oneRuns);
  const twoRate = mean(twoRuns);
  const ratio = round(twoRate / oneRate);
  const row = (label: string, r: LoadResult) => [label, String(r.requestsPerSecond), String(r.latency.p50), String(r.latency.p99), String(r.ok)];
  console.info(
    `\n${table(
      ["case", "req/s", "p50 ms", "p99 ms", "2xx"],
      [...oneRuns.map((r, i) => row(`one instance, round ${i + 1}`, r)), ...twoRuns.map((r, i) => row(`two instances, round ${i + 1}`, r))],
    )}`,
  );
  console.info(`\ntwo instances / one = ${ratio} (${twoRate}/s vs ${oneRate}/s, mean of ${ROUNDS} rounds); two-instance answers per upstream: ${JSON.stringify(spread)}; ${os.cpus().length} CPUs`);

  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: os.cpus().length, node: process.version },
        settings: { connections: CONNECTIONS, durationSeconds: DURATION_S, rounds: ROUNDS, database: database.embedded ? "embedded" : "DATABASE_URL", webProcessesPerInstance: 1 },
        oneInstance: { meanRequestsPerSecond: oneRate, runs: oneRuns },
        twoInstances: { meanRequestsPerSecond: twoRate, runs: twoRuns, answersPerUpstream: spread },
        ratio,
      },
      null,
      2,
    ),
  );
  log(`results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

main()
  .catch((error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => bench.finish());
