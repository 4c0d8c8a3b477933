import { EventEmitter } from "node:events";
import { run, type Runner, type Task, type WorkerEvents } from "graphile-worker";
import type pg from "pg";
import { createDb } from "@/db/client";
import { OUTBOUND_SEND_JOB } from "@/db/queries/outbound-messages";
import { queueLogger } from "@/lib/log/queue-logger";
import { observeJobs } from "@/lib/metrics/jobs";
import { watchPool } from "@/lib/metrics/pools";
import { createTokenRecheckTask, TOKEN_RECHECK_CRONTAB, TOKEN_RECHECK_JOB } from "@/lib/channels/meta/token-recheck-job";
import { outboundLimitPolicy } from "@/lib/outbound/limits";
import { DEFAULT_MAX_SEND_ATTEMPTS } from "./policy";
import { channelRateLimiter, sendRates, type SendRateGroup } from "./rate-limits";
import { runSendJob } from "./send-job";
import { cachedChannelSenders } from "./sender-cache";
import { defaultStaleAfterMs, recoverStaleSends } from "./stale-sends";

/*
 * The outbound worker: a graphile-worker runner of its own beside the export worker, with only the
 * send task, so a long export never holds up a send and sends (I/O-bound) run many at once.
 */

const LISTEN_WAIT_MS = 5_000;
/*
 * graphile-worker records finished jobs in batches gathered over this long: one statement for
 * several sends instead of one each. Safe here because the message row is the truth: a job whose
 * completion a dying worker never recorded runs again once unlocked and finds nothing queued.
 */
const COMPLETE_JOB_BATCH_DELAY_MS = 50;
const DEFAULT_TIMEOUT_MS = 10_000;

export interface OutboundWorkerOptions {
  pool: pg.Pool;
  /** Sends at once in this process; by default the tenant's concurrent-call limit, so a send never trips it. */
  concurrency?: number;
  rates?: Record<SendRateGroup, number>;
  maxAttempts?: number;
  /** A message "sending" this long is taken for a dead worker's (stale-sends.ts). */
  staleAfterMs?: number;
}

export interface OutboundWorker {
  stop(): Promise<void>;
  done: Promise<void>;
}

export interface OutboundWorkerSettings {
  concurrency: number;
  rates: Record<SendRateGroup, number>;
  maxAttempts: number;
  staleAfterMs: number;
}

function positiveInteger(env: Partial<Record<string, string>>, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive whole number`);
  return number;
}

/** The worker's settings from the environment; a bad value throws one sentence naming the variable. */
export function outboundWorkerSettings(env: Partial<Record<string, string>> = process.env): OutboundWorkerSettings {
  const timeoutMs = positiveInteger(env, "OUTBOUND_TIMEOUT_MS", DEFAULT_TIMEOUT_MS);
  return {
    concurrency: positiveInteger(env, "OUTBOUND_WORKER_CONCURRENCY", outboundLimitPolicy(env).concurrentCalls),
    rates: sendRates(env),
    maxAttempts: positiveInteger(env, "OUTBOUND_SEND_MAX_ATTEMPTS", DEFAULT_MAX_SEND_ATTEMPTS),
    staleAfterMs: positiveInteger(env, "OUTBOUND_SEND_STALE_AFTER_MS", defaultStaleAfterMs(timeoutMs)),
  };
}

/** The outbound worker's schedule: Meta's access tokens re-checked daily (lib/channels/meta/token-recheck-job.ts). */
export const OUTBOUND_CRONTAB = `${TOKEN_RECHECK_CRONTAB}\n`;

export async function startOutboundWorker(options: OutboundWorkerOptions): Promise<OutboundWorker> {
  const settings = { ...outboundWorkerSettings(), ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as OutboundWorkerSettings;
  const db = createDb(options.pool);
  const limiter = channelRateLimiter(options.pool, settings.rates);

  const senders = cachedChannelSenders();
  const sendTask: Task = async (payload) => {
    const { messageId, tenantId, channelId } = (payload ?? {}) as { messageId?: unknown; tenantId?: unknown; channelId?: unknown };
    if (typeof messageId !== "string" || typeof tenantId !== "string" || typeof channelId !== "string") return; // malformed: retrying cannot help
    await runSendJob({ messageId, tenantId, channelId }, { db, limiter, senders, maxAttempts: settings.maxAttempts });
  };

  const events: WorkerEvents = new EventEmitter();
  observeJobs(events);
  watchPool("outbound", options.pool);
  const listening = new Promise<void>((resolve) => {
    events.once("pool:listen:success", () => resolve());
    setTimeout(resolve, LISTEN_WAIT_MS).unref();
  });
  const runner: Runner = await run({
    pgPool: options.pool,
    events,
    concurrency: settings.concurrency,
    noHandleSignals: true,
    preset: { worker: { completeJobBatchDelay: COMPLETE_JOB_BATCH_DELAY_MS } },
    logger: queueLogger("outbound"),
    taskList: { [OUTBOUND_SEND_JOB]: sendTask, [TOKEN_RECHECK_JOB]: createTokenRecheckTask(() => db) },
    // graphile-worker runs a crontab line once per schedule however many workers share it.
    crontab: OUTBOUND_CRONTAB,
  });
  await listening;

  const sweep = () => void recoverStaleSends(db, settings.staleAfterMs).catch(() => {});
  sweep();
  const timer = setInterval(sweep, Math.max(1_000, Math.floor(settings.staleAfterMs / 2)));
  timer.unref();

  return {
    done: runner.promise.finally(() => clearInterval(timer)),
    async stop() {
      clearInterval(timer);
      await runner.stop();
    },
  };
}
