/**
 * `npm run worker`: an extra export worker and outbound (send) worker, for scale. It joins the
 * database of DATABASE_URL, or the embedded one a local `npm start` runs (CONSOLE_DATA_DIR,
 * EMBEDDED_PG_PORT as there, and that folder's secrets key). EXPORT_CONCURRENCY (default 1) exports
 * at once, OUTBOUND_WORKER_CONCURRENCY sends; EXPORT_WORKER=off or OUTBOUND_WORKER=off leaves one
 * out. SIGINT/SIGTERM finish the running jobs, then stop; a job still running after
 * SHUTDOWN_TIMEOUT_MS is abandoned, and another worker's stale sweep hands it back to the queue.
 * WORKER_METRICS_PORT (with METRICS_TOKEN; METRICS_HOST, default 127.0.0.1) serves its metrics
 * at GET /metrics, since it has no web server for GET /api/metrics.
 */
import path from "node:path";
import { createPool } from "@/db/client";
import { runningEmbeddedUrl } from "@/db/embedded";
import { localSecrets } from "@/lib/bootstrap/local-secrets";
import { exportLimits } from "@/lib/exports/limits";
import { startExportWorker } from "@/lib/exports/worker";
import { outboundWorkerSettings, startOutboundWorker } from "@/lib/outbound/send/worker";
import { logDatabaseErrors } from "@/lib/log/db-errors";
import { metrics } from "@/lib/metrics/registry";
import { startWorkerMetricsEndpoint, workerMetricsSettings } from "@/lib/metrics/worker-endpoint";
import { shutdownTimeoutMs, within } from "@/lib/shutdown/timeout";

const url =
  process.env.DATABASE_URL ||
  runningEmbeddedUrl(path.resolve(process.env.CONSOLE_DATA_DIR ?? "data"), Number(process.env.EMBEDDED_PG_PORT ?? 54329));
if (!url) {
  console.error("No database: set DATABASE_URL, or start the console with `npm start` first (it runs the embedded one).");
  process.exit(1);
}

// Sends decrypt channel secrets: on the embedded database the key is the data folder's, as `npm start` uses it.
if (!process.env.DATABASE_URL) process.env.SECRETS_KEY = localSecrets(path.resolve(process.env.CONSOLE_DATA_DIR ?? "data"), process.env).SECRETS_KEY;

// A bad limit refuses the start in one sentence (which variable, what it must be), not with a stack trace.
const [limits, sendSettings, shutdownMs, metricsSettings] = (() => {
  try {
    return [exportLimits(), outboundWorkerSettings(), shutdownTimeoutMs(), workerMetricsSettings(process.env)] as const;
  } catch (error) {
    console.error(`[worker] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();

logDatabaseErrors();
const concurrency = positiveInteger(process.env.EXPORT_CONCURRENCY, 1);
const exportPool = process.env.EXPORT_WORKER === "off" ? null : createPool(url, { max: concurrency * 3 + 2 });
const sendPool = process.env.OUTBOUND_WORKER === "off" ? null : createPool(url, { max: sendSettings.concurrency + 3 });
const workers = [
  exportPool && (await startExportWorker({ pool: exportPool, concurrency, staleAfterMs: positiveInteger(process.env.EXPORT_STALE_AFTER_MS, undefined), limits })),
  sendPool && (await startOutboundWorker({ pool: sendPool, ...sendSettings })),
].filter((worker) => worker !== null);
if (exportPool) console.info(`[worker] export worker running (${concurrency} at once)`);
if (sendPool) console.info(`[worker] outbound worker running (${sendSettings.concurrency} sends at once)`);
const metricsServer = metricsSettings && (await startWorkerMetricsEndpoint(metricsSettings, metrics().registry));
if (metricsSettings) console.info(`[worker] metrics at http://${metricsSettings.host}:${metricsSettings.port}/metrics`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // A process on its way out is no longer a scrape target; its open scrapes must not hold the exit.
  metricsServer?.close();
  metricsServer?.closeAllConnections();
  const finished = await within(Promise.all(workers.map((worker) => worker.stop())), shutdownMs);
  if (!finished) console.error("[worker] jobs still running at SHUTDOWN_TIMEOUT_MS: leaving them to the queue's stale sweep");
  else await within(Promise.all([exportPool?.end(), sendPool?.end()]), 2_000);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
await Promise.all(workers.map((worker) => worker.done));

function positiveInteger<T extends number | undefined>(value: string | undefined, fallback: T): number | T {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : fallback;
}
