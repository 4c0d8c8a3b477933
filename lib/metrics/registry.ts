import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { watchedPools } from "./pools";

/*
 * Every metric of one process, on a registry of its own. Next bundles prom-client into several
 * chunks, so the metrics live on globalThis: the webhook path, the route handlers and the worker
 * must count into the same objects. A scrape merges the registries of all the instance's
 * processes (gather.ts); the README's "Metrics" section says what each one means.
 */

const SECONDS_FAST = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const SECONDS_SLOW = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    webhookCalls: new Counter({
      name: "console_webhook_calls_total",
      help: "Provider webhook calls answered, by provider and outcome.",
      labelNames: ["provider", "outcome"] as const,
      registers,
    }),
    webhookDuration: new Histogram({
      name: "console_webhook_duration_seconds",
      help: "Time from a webhook call's arrival to its answer, by provider and outcome.",
      labelNames: ["provider", "outcome"] as const,
      buckets: SECONDS_FAST,
      registers,
    }),
    webhookBatchSize: new Histogram({
      name: "console_webhook_batch_size",
      help: "Webhook calls written per group-committed transaction.",
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    }),
    httpRequests: new Histogram({
      name: "console_http_request_duration_seconds",
      help: "Route handler answers (webhooks excepted), by route, method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: SECONDS_FAST,
      registers,
    }),
    poolConnections: new Gauge({
      name: "console_db_pool_connections",
      help: "Database pool connections by pool and state (total, idle, waiting = requests queued for a connection), read at scrape time.",
      labelNames: ["pool", "state"] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, watched] of watchedPools()) {
          this.set({ pool, state: "total" }, watched.totalCount);
          this.set({ pool, state: "idle" }, watched.idleCount);
          this.set({ pool, state: "waiting" }, watched.waitingCount);
        }
      },
    }),
    jobDuration: new Histogram({
      name: "console_job_duration_seconds",
      help: "Queue job run time by task and outcome (success, error).",
      labelNames: ["task", "outcome"] as const,
      buckets: SECONDS_SLOW,
      registers,
    }),
    outboundSends: new Counter({
      name: "console_outbound_sends_total",
      help: "Outbound send attempts by provider and outcome (accepted, failed, retrying, skipped, error).",
      labelNames: ["provider", "outcome"] as const,
      registers,
    }),
    exportDuration: new Histogram({
      name: "console_export_duration_seconds",
      help: "Export job run time by outcome (success, error).",
      labelNames: ["outcome"] as const,
      buckets: SECONDS_SLOW,
      registers,
    }),
    signInFailures: new Counter({
      name: "console_sign_in_failures_total",
      help: "Refused sign-ins by reason (invalid, disabled, throttled).",
      labelNames: ["reason"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { channelConsoleMetrics?: Metrics };

export function metrics(): Metrics {
  return (globalForMetrics.channelConsoleMetrics ??= createMetrics());
}
