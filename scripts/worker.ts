/**
 * `npm run worker`: an extra export worker, for scale. It joins the database of DATABASE_URL, or
 * the embedded one a local `npm start` runs (CONSOLE_DATA_DIR, EMBEDDED_PG_PORT as there).
 * EXPORT_CONCURRENCY (default 1) exports at once; SIGINT/SIGTERM finish the running ones, then stop.
 */
import path from "node:path";
import { createPool } from "@/db/client";
import { runningEmbeddedUrl } from "@/db/embedded";
import { exportLimits } from "@/lib/exports/limits";
import { startExportWorker } from "@/lib/exports/worker";

const url =
  process.env.DATABASE_URL ||
  runningEmbeddedUrl(path.resolve(process.env.CONSOLE_DATA_DIR ?? "data"), Number(process.env.EMBEDDED_PG_PORT ?? 54329));
if (!url) {
  console.error("No database: set DATABASE_URL, or start the console with `npm start` first (it runs the embedded one).");
  process.exit(1);
}

// A bad limit refuses the start in one sentence (which variable, what it must be), not with a stack trace.
const limits = (() => {
  try {
    return exportLimits();
  } catch (error) {
    console.error(`[worker] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();

const concurrency = positiveInteger(process.env.EXPORT_CONCURRENCY, 1);
const pool = createPool(url, { max: concurrency * 3 + 2 });
const worker = await startExportWorker({
  pool,
  concurrency,
  staleAfterMs: positiveInteger(process.env.EXPORT_STALE_AFTER_MS, undefined),
  limits,
});
console.info(`[worker] export worker running (${concurrency} at once)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await pool.end();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
await worker.done;

function positiveInteger<T extends number | undefined>(value: string | undefined, fallback: T): number | T {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : fallback;
}
