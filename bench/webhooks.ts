/**
 * Signed Meta Cloud API deliveries against the production build on a real PostgreSQL, beside a
 * bare node:http server doing the same HMAC check and single INSERT, measured in the same run.
 * Then the same load on a channel that is always closed, with a notice: every delivery is from a
 * new customer and queues an automatic reply (issue 16), the worst case for the webhook path.
 * See bench/README.md. Usage: npm run bench:webhooks
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { generateKey } from "@/lib/crypto/secrets";
import { ensureNextBuild, log, openWebhookBench, startBenchRun, startServer } from "./harness";
import { round, table } from "./measure";
import { metaDeliveryTemplate, signedLoad, toLoadResult, type LoadResult } from "./signed-load";

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const PG_PORT = env("BENCH_PG_PORT", 55_640);
const APP_PORT = env("BENCH_APP_PORT", 3190);
const BARE_PORT = env("BENCH_BARE_PORT", 3191);
const SINGLE_PORT = env("BENCH_SINGLE_PORT", 3192);
const CONNECTIONS = env("BENCH_CONNECTIONS", 50);
const DURATION_S = env("BENCH_DURATION_SECONDS", 15);
const WARMUP_S = env("BENCH_WARMUP_SECONDS", 5);
const RATE = env("BENCH_RATE", 1000);
const TIME_LIMIT_MS = env("BENCH_TIME_LIMIT_MINUTES", 20) * 60_000;
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
/** Extra node flags for the console's processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
const RESULTS_FILE = path.join(import.meta.dirname, "results", "webhooks.json");
const GOALS = { rate: 2_000, ratioOfBare: 0.3, p99AtRateMs: 50 };

const bench = startBenchRun(TIME_LIMIT_MS);

function plainLoad(url: string, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon({ url, method: "POST", connections: CONNECTIONS, duration: seconds, body: "{}" }, (error, result) => {
      if (error) return reject(error);
      resolve(toLoadResult(result));
    });
  });
}

async function main() {
  const { database, pool, secretsKey, tenantId, appSecret, addCloudChannel } = await openWebhookBench(bench, PG_PORT, "webhooks");
  const channel = await addCloudChannel("bench");
  const replyChannel = await addCloudChannel("benchreplies");
  // Replies off: no notice (addCloudChannel's default). Replies on: a notice, and no hours at all, so every delivery is outside work time.
  await pool.query(`update channels set work_time = '{"workday": [], "nonWorkday": []}'::jsonb, non_working_notice = 'Our agents are resting.' where id = $1`, [replyChannel.id]);
  const webhookPath = channel.webhookPath;
  const replyWebhookPath = replyChannel.webhookPath;

  const template = metaDeliveryTemplate(channel.phoneNumberId);
  const replyTemplate = metaDeliveryTemplate(replyChannel.phoneNumberId);

  ensureNextBuild(DIST_DIR);

  const serverEnv = { ...process.env, DATABASE_URL: database.url, SECRETS_KEY: secretsKey, AUTH_SECRET: generateKey(), NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR, PORT: String(APP_PORT) };
  // What `npm start` runs (scripts/serve.mjs: one process per CPU), and a single `next start` for comparison.
  log(`starting the console (production build in ${DIST_DIR}, scripts/serve.mjs) on port ${APP_PORT}`);
  await startServer(bench, "console", process.execPath, [...NODE_ARGS, "scripts/serve.mjs", "-p", String(APP_PORT), "-H", "127.0.0.1"], serverEnv, `http://127.0.0.1:${APP_PORT}/api/health`);
  log(`starting a single \`next start\` on port ${SINGLE_PORT}`);
  await startServer(bench, "next start", "node_modules/.bin/next", ["start", "-p", String(SINGLE_PORT), "-H", "127.0.0.1"], serverEnv, `http://127.0.0.1:${SINGLE_PORT}/api/health`);
  log(`starting the bare node:http server on port ${BARE_PORT}`);
  await startServer(
    bench,
    "bare server",
    "node_modules/.bin/tsx",
    ["bench/bare-webhook-server.ts", String(BARE_PORT)],
    { ...serverEnv, BENCH_APP_SECRET: appSecret, BENCH_TENANT_ID: tenantId, BENCH_CHANNEL_ID: channel.id },
    `http://127.0.0.1:${BARE_PORT}/`,
  );

  const consoleUrl = `http://127.0.0.1:${APP_PORT}${webhookPath}`;
  const singleUrl = `http://127.0.0.1:${SINGLE_PORT}${webhookPath}`;
  const bareUrl = `http://127.0.0.1:${BARE_PORT}/`;
  if (process.env.BENCH_HOLD) {
    // For profiling by hand: keep everything running and say how to post to it.
    writeFileSync("/tmp/bench-webhooks-hold.json", JSON.stringify({ consoleUrl, singleUrl, bareUrl, appSecret, template, databaseUrl: database.url }));
    log("holding (BENCH_HOLD): targets in /tmp/bench-webhooks-hold.json; Ctrl-C to stop");
    await new Promise(() => {});
  }
  const run = randomBytes(3).toString("hex");
  const load = (url: string, label: string, options: { seconds: number; rate?: number }, body = template) => {
    log(`${label}: ${options.rate ? `${options.rate}/s` : "as fast as possible"}, ${CONNECTIONS} connections, ${options.seconds} s`);
    return signedLoad(url, body, appSecret, `${run}.${label}`, { ...options, connections: CONNECTIONS });
  };

  await load(consoleUrl, "console-warmup", { seconds: WARMUP_S });
  await load(singleUrl, "single-warmup", { seconds: WARMUP_S });
  await load(bareUrl, "bare-warmup", { seconds: WARMUP_S });
  const consoleMax = await load(consoleUrl, "console-max", { seconds: DURATION_S });
  const bareMax = await load(bareUrl, "bare-max", { seconds: DURATION_S });
  const singleMax = await load(singleUrl, "single-max", { seconds: DURATION_S });
  // The ceiling of the console's webhook path: a key that cannot be a key is answered 404 before
  // any body, crypto or database work.
  const floorUrl = `http://127.0.0.1:${APP_PORT}/api/webhooks/whatsapp-cloud/not-a-key`;
  log(`webhook path ceiling: ${floorUrl}, as fast as possible, ${CONNECTIONS} connections, ${DURATION_S} s`);
  const floorMax = await plainLoad(floorUrl, DURATION_S);
  const halfRate = Math.max(50, Math.round(consoleMax.requestsPerSecond / 2 / 50) * 50);
  const consoleAtHalf = await load(consoleUrl, "console-half", { seconds: DURATION_S, rate: halfRate });
  const consoleAtRate = await load(consoleUrl, "console-rate", { seconds: DURATION_S, rate: RATE });
  const bareAtRate = await load(bareUrl, "bare-rate", { seconds: DURATION_S, rate: RATE });
  const repliesUrl = `http://127.0.0.1:${APP_PORT}${replyWebhookPath}`;
  await load(repliesUrl, "replies-warmup", { seconds: WARMUP_S }, replyTemplate);
  const repliesMax = await load(repliesUrl, "replies-max", { seconds: DURATION_S }, replyTemplate);
  const repliesAtRate = await load(repliesUrl, "replies-rate", { seconds: DURATION_S, rate: RATE }, replyTemplate);

  // Honesty check: every 200 the console gave is a stored row, and nothing more.
  const stored = async (label: string) =>
    Number((await pool.query("select count(*) as n from webhook_events where channel_id = $1 and idempotency_key like $2", [channel.id, `message:${run}.${label}.%`])).rows[0].n);
  const consoleStored = { max: await stored("console-max"), rate: await stored("console-rate") };
  const repliesStored = async (label: string) => {
    const events = Number((await pool.query("select count(*) as n from webhook_events where channel_id = $1 and idempotency_key like $2", [replyChannel.id, `message:${run}.${label}.%`])).rows[0].n);
    return { events, replies: Number((await pool.query("select count(*) as n from outbound_messages where channel_id = $1 and kind = 'auto-reply'", [replyChannel.id])).rows[0].n) };
  };
  const repliesMaxStored = await repliesStored("replies-max");
  const repliesRateStored = await repliesStored("replies-rate");
  const repliesEvents = Number((await pool.query("select count(*) as n from webhook_events where channel_id = $1", [replyChannel.id])).rows[0].n);
  const repliesJobs = Number(
    (await pool.query("select count(*) as n from graphile_worker._private_jobs j join outbound_messages m on m.id::text = j.payload->>'messageId' where m.channel_id = $1", [replyChannel.id])).rows[0].n,
  );
  // Every stored delivery is a new customer outside work time: one reply and one job each, no more.
  if (repliesRateStored.replies !== repliesEvents || repliesJobs !== repliesEvents) {
    throw new Error(`replies do not match deliveries: ${repliesEvents} stored, ${repliesRateStored.replies} replies, ${repliesJobs} jobs`);
  }
  // Requests still in flight when the load stops are stored but never counted as answered.
  const honest = (rows: number, answered: number) => rows >= answered && rows <= answered + CONNECTIONS;
  if (!honest(consoleStored.max, consoleMax.ok) || !honest(consoleStored.rate, consoleAtRate.ok)) {
    throw new Error(`stored rows do not match 200 answers: max ${consoleStored.max} vs ${consoleMax.ok}, rate ${consoleStored.rate} vs ${consoleAtRate.ok}`);
  }

  const ratio = round(consoleMax.requestsPerSecond / bareMax.requestsPerSecond);
  const repliesRatio = round(repliesMax.requestsPerSecond / bareMax.requestsPerSecond);
  const row = (label: string, r: LoadResult) => [label, String(r.requestsPerSecond), String(r.latency.p50), String(r.latency.p99), String(r.latency.max), String(r.ok), String(r.non2xx + r.errors + r.timeouts)];
  console.info(
    `\n${table(
      ["case", "req/s", "p50 ms", "p99 ms", "max ms", "2xx", "other"],
      [
        row("console (serve.mjs, direct path), max rate", consoleMax),
        row("one next start (route handlers), max rate", singleMax),
        row("bare, max rate", bareMax),
        row("console ceiling (404, no work)", floorMax),
        row(`console at ${RATE}/s`, consoleAtRate),
        row(`bare at ${RATE}/s`, bareAtRate),
        row(`console at ${halfRate}/s (half its max)`, consoleAtHalf),
        row("replies on: console, max rate", repliesMax),
        row(`replies on: console at ${RATE}/s`, repliesAtRate),
      ],
    )}`,
  );
  const verdict = {
    rate: { value: consoleMax.requestsPerSecond, goal: GOALS.rate, met: consoleMax.requestsPerSecond >= GOALS.rate },
    ratioOfBare: { value: ratio, goal: GOALS.ratioOfBare, met: ratio >= GOALS.ratioOfBare },
    p99AtRate: { value: consoleAtRate.latency.p99, goal: GOALS.p99AtRateMs, met: consoleAtRate.latency.p99 <= GOALS.p99AtRateMs && consoleAtRate.requestsPerSecond >= RATE * 0.95 },
    repliesRate: { value: repliesMax.requestsPerSecond, goal: GOALS.rate, met: repliesMax.requestsPerSecond >= GOALS.rate },
    repliesRatioOfBare: { value: repliesRatio, goal: GOALS.ratioOfBare, met: repliesRatio >= GOALS.ratioOfBare },
    repliesP99AtRate: { value: repliesAtRate.latency.p99, goal: GOALS.p99AtRateMs, met: repliesAtRate.latency.p99 <= GOALS.p99AtRateMs && repliesAtRate.requestsPerSecond >= RATE * 0.95 },
  };
  console.info(
    `\nconsole / bare = ${ratio} (goal ≥ ${GOALS.ratioOfBare}); console ${consoleMax.requestsPerSecond}/s (goal ≥ ${GOALS.rate}); p99 at ${RATE}/s ${consoleAtRate.latency.p99} ms (goal ≤ ${GOALS.p99AtRateMs})`,
  );
  console.info(
    `console / its ceiling = ${round(consoleMax.requestsPerSecond / floorMax.requestsPerSecond)}; one next start / bare = ${round(singleMax.requestsPerSecond / bareMax.requestsPerSecond)}; ceiling / bare = ${round(floorMax.requestsPerSecond / bareMax.requestsPerSecond)}`,
  );
  console.info(
    `replies on: ${repliesMax.requestsPerSecond}/s, / bare = ${repliesRatio}, / replies off = ${round(repliesMax.requestsPerSecond / consoleMax.requestsPerSecond)}; p99 at ${RATE}/s ${repliesAtRate.latency.p99} ms; ${repliesEvents} deliveries stored, ${repliesRateStored.replies} replies and ${repliesJobs} send jobs queued`,
  );
  console.info(`goals met: ${Object.entries(verdict).map(([k, v]) => `${k} ${v.met ? "yes" : "NO"}`).join(", ")}`);

  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: os.cpus().length, node: process.version },
        settings: {
          connections: CONNECTIONS,
          durationSeconds: DURATION_S,
          rate: RATE,
          database: database.embedded ? "embedded" : "DATABASE_URL",
          serverProcesses: process.env.WEB_CONCURRENCY ?? `default (${Math.min(4, os.availableParallelism())})`,
        },
        console: { max: consoleMax, atRate: consoleAtRate, storedRows: consoleStored },
        singleNextStart: { max: singleMax },
        consoleCeiling: { max: floorMax },
        consoleAtHalfItsMax: { rate: halfRate, result: consoleAtHalf },
        bare: { max: bareMax, atRate: bareAtRate },
        repliesOn: { max: repliesMax, atRate: repliesAtRate, storedMax: repliesMaxStored, storedEvents: repliesEvents, replies: repliesRateStored.replies, sendJobs: repliesJobs, ratioOfBare: repliesRatio },
        ratio,
        verdict,
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
