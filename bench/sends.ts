/**
 * Sends through the queue (issue 15): the outbound worker (`npm run worker`, in processes of their
 * own) sending test messages to a fake Graph API on 127.0.0.1, beside a bare loop making the same
 * HTTPS POSTs in the same run (bench/sends-bare-loop.ts), in alternating rounds; then one channel limited to 80/s with two
 * worker processes, its achieved rate over 30 s. Bounded (10 minutes), stops itself; exit 1 on a
 * missed goal. See bench/README.md. Usage: npm run bench:sends
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, createPool } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { generateKey } from "@/lib/crypto/secrets";
import { enqueueOutboundMessage } from "@/lib/outbound/send/enqueue";
import { createTestChannel } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { startFakeMeta } from "@/testing/fake-providers/meta";
import { approvePrefix } from "@/testing/outbound";
import { startWorkerProcess, type WorkerProcess } from "@/testing/outbound-send/worker-process";
import { TEST_CA_FILE } from "@/testing/test-ca";
import { log, openBenchDatabase, startBenchRun } from "./harness";
import { table } from "./measure";

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SENDS = env("BENCH_SENDS", 2_000);
/** Rounds of bare loop then queue; the goal is judged on the median ratio. */
const ROUNDS = env("BENCH_ROUNDS", 3);
/** Sends at once per worker process (the default OUTBOUND_WORKER_CONCURRENCY); the bare loop gets as many in all. */
const CONCURRENCY = env("BENCH_SEND_CONCURRENCY", 10);
/** Worker processes in the unlimited run, as a deployment runs `npm start` plus `npm run worker`. */
const QUEUE_WORKERS = env("BENCH_QUEUE_WORKERS", 2);
const LIMIT = env("BENCH_SEND_LIMIT", 80);
/** Sends at once per worker in the limited run: 80/s from two workers needs 40/s each, at ~0.3–0.5 s a send on this loaded machine. */
const LIMIT_CONCURRENCY = env("BENCH_LIMIT_CONCURRENCY", 25);
const WINDOW_SECONDS = env("BENCH_SEND_WINDOW_SECONDS", 30);
const PG_PORT = env("BENCH_PG_PORT", 55_660);
const RESULTS_FILE = path.join(import.meta.dirname, "results", "sends.json");
const GOALS = { ratio: 0.5, rateTolerance: 0.05 };

const run = startBenchRun(10 * 60_000);

async function main() {
  process.env.SECRETS_KEY = generateKey();
  const { url } = await openBenchDatabase(run, PG_PORT, "bench-sends");
  const pool = createPool(url, { max: 4 });
  run.onCleanup(() => pool.end());
  const db = createDb(pool);
  await runMigrations(db);

  const tokens: Record<string, string[]> = {};
  const fake = await startFakeMeta({ tokens });
  run.onCleanup(() => fake.close());
  await approvePrefix(db, fake.prefix);
  const { admin } = await createTestTenant(db);
  const channel = async () => {
    const accessToken = `EAAGbench${generateKey().replace(/[^A-Za-z0-9]/g, "")}`;
    const phoneNumberId = `1${String(Date.now()).slice(-13)}${Math.floor(Math.random() * 10)}`;
    const made = await createTestChannel(db, admin, "cloud-api", {
      secrets: { accessToken },
      information: { phoneNumberId, baseUrl: `${fake.graphBaseUrl}/${phoneNumberId}/messages` },
    });
    tokens[accessToken] = [phoneNumberId];
    return { id: made.id, tenantId: admin.tenantId!, accessToken, phoneNumberId };
  };
  const enqueue = (target: { id: string; tenantId: string }, count: number) =>
    db.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        await enqueueOutboundMessage(tx, { kind: "test", tenantId: target.tenantId, channelId: target.id, recipient: "+4915799912345", text: `bench ${i}` });
      }
    });
  const sendsTo = (phoneNumberId: string) => fake.requests.filter((r) => r.method === "POST" && r.path.endsWith(`/${phoneNumberId}/messages`));
  const until = async (done: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const workerEnv = (rate: number, concurrency: number) => ({
    SECRETS_KEY: process.env.SECRETS_KEY!,
    OUTBOUND_EXTRA_CA_FILE: TEST_CA_FILE,
    OUTBOUND_SEND_RATE_CLOUD_API: String(rate),
    OUTBOUND_WORKER_CONCURRENCY: String(concurrency),
    OUTBOUND_CONCURRENT_CALLS: String(concurrency),
    // The tenant's outbound budget (300 calls a minute by default) would be the limit measured otherwise.
    OUTBOUND_CALLS_PER_MINUTE: "10000000",
  });
  const startWorkers = async (count: number, rate: number, concurrency: number) => {
    const workers: WorkerProcess[] = [];
    for (let i = 0; i < count; i++) workers.push(await startWorkerProcess(url, workerEnv(rate, concurrency)));
    run.onCleanup(async () => void (await Promise.all(workers.map((w) => w.kill("SIGKILL")))));
    return workers;
  };

  // 1. No limit: the queue beside the bare loop, same concurrency, same fake, in alternating rounds
  // (this machine's load changes from minute to minute; each ratio compares neighbours).
  const free = await channel();
  const bareLoop = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", "sends-bare-loop.ts"), `${fake.graphBaseUrl}/${free.phoneNumberId}/messages`, free.accessToken, String(SENDS), String(CONCURRENCY * QUEUE_WORKERS), TEST_CA_FILE], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.once("exit", (code) => (code === 0 ? resolve(SENDS / (JSON.parse(out) as { seconds: number }).seconds) : reject(new Error(`bare loop exited ${code}`))));
    });
  const acceptedCount = async () =>
    (await pool.query<{ n: number }>("select count(*)::int as n from outbound_messages where channel_id = $1 and status = 'accepted'", [free.id])).rows[0]!.n;
  const queueRun = async () => {
    const before = sendsTo(free.phoneNumberId).length;
    await enqueue(free, SENDS);
    const committed = Date.now();
    await until(() => sendsTo(free.phoneNumberId).length - before >= SENDS, 5 * 60_000);
    const lastRequest = Math.max(...sendsTo(free.phoneNumberId).map((r) => r.at));
    return SENDS / ((lastRequest - committed) / 1000);
  };
  const queueWorkers = await startWorkers(QUEUE_WORKERS, 0, CONCURRENCY);
  const rounds: { bareRate: number; queueRate: number; ratio: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    log(`round ${round}/${ROUNDS}: bare loop, ${SENDS} HTTPS POSTs, ${CONCURRENCY * QUEUE_WORKERS} at a time`);
    const bareRate = await bareLoop();
    log(`round ${round}/${ROUNDS}: queue, ${SENDS} messages, ${QUEUE_WORKERS} worker processes of ${CONCURRENCY} sends at once`);
    const queueRate = await queueRun();
    rounds.push({ bareRate, queueRate, ratio: queueRate / bareRate });
    log(`round ${round}: bare ${bareRate.toFixed(1)}/s, queue ${queueRate.toFixed(1)}/s, ratio ${(queueRate / bareRate).toFixed(2)}`);
  }
  // The last answers are still being recorded when the fake has seen the last request.
  let acceptedNow = await acceptedCount();
  for (let i = 0; i < 100 && acceptedNow < SENDS * ROUNDS; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    acceptedNow = await acceptedCount();
  }
  await Promise.all(queueWorkers.map((w) => w.kill("SIGTERM")));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const bareRate = median(rounds.map((r) => r.bareRate));
  const queueRate = median(rounds.map((r) => r.queueRate));
  const ratio = median(rounds.map((r) => r.ratio));

  // 2. One channel at LIMIT/s, two worker processes, over WINDOW_SECONDS.
  const limited = await channel();
  const workers = await startWorkers(2, LIMIT, LIMIT_CONCURRENCY);
  log(`limit: ${LIMIT}/s on one channel, two worker processes of ${LIMIT_CONCURRENCY} sends at once, ${WINDOW_SECONDS} s`);
  await enqueue(limited, LIMIT * (WINDOW_SECONDS + 5));
  await until(() => sendsTo(limited.phoneNumberId).length > 0, 30_000);
  const first = sendsTo(limited.phoneNumberId)[0]!.at;
  // Measured from the second window on: whole windows only.
  const from = first + 1_000;
  const to = from + WINDOW_SECONDS * 1_000;
  await until(() => Date.now() > to + 500, (WINDOW_SECONDS + 10) * 1_000);
  const inWindow = sendsTo(limited.phoneNumberId).filter((r) => r.at >= from && r.at < to).length;
  const limitedRate = inWindow / WINDOW_SECONDS;
  await Promise.all(workers.map((w) => w.kill("SIGTERM")));
  await db.execute(sql`select 1`);

  const rateOk = Math.abs(limitedRate - LIMIT) <= LIMIT * GOALS.rateTolerance;
  console.info(
    table(
      ["measure", "value", "goal"],
      [
        ["bare loop, sends/s (median of rounds)", bareRate.toFixed(1), ""],
        ["queue, sends/s (median of rounds)", queueRate.toFixed(1), ""],
        ["queue / bare loop (median of rounds)", ratio.toFixed(2), `≥ ${GOALS.ratio}`],
        ["ratio per round", rounds.map((r) => r.ratio.toFixed(2)).join(", "), ""],
        ["accepted in the database", `${acceptedNow} / ${SENDS * ROUNDS}`, `${SENDS * ROUNDS}`],
        [`limited channel, sends/s over ${WINDOW_SECONDS} s`, limitedRate.toFixed(1), `${LIMIT} ± ${GOALS.rateTolerance * 100} %`],
      ],
    ),
  );
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ date: new Date().toISOString(), sends: SENDS, rounds, concurrency: CONCURRENCY, queueWorkers: QUEUE_WORKERS, limitConcurrency: LIMIT_CONCURRENCY, bareRate, queueRate, ratio, limit: LIMIT, windowSeconds: WINDOW_SECONDS, limitedRate, goals: GOALS }, null, 2)}\n`,
  );
  return ratio >= GOALS.ratio && rateOk && acceptedNow === SENDS * ROUNDS;
}

main()
  .then(async (ok) => {
    await run.finish();
    if (!ok) log("a goal was missed");
    process.exit(ok ? 0 : 1);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await run.finish();
    process.exit(1);
  });
