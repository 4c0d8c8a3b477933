import { EventEmitter } from "node:events";
import { run, type Runner, type Task, type WorkerEvents } from "graphile-worker";
import type pg from "pg";
import { createDb } from "@/db/client";
import { EXPORT_JOB, expireExportFiles } from "@/db/queries/export-tasks";
import { queueLogger } from "@/lib/log/queue-logger";
import { observeJobs } from "@/lib/metrics/jobs";
import { watchPool } from "@/lib/metrics/pools";
import { metrics } from "@/lib/metrics/registry";
import { DEFAULT_STALE_AFTER_MS, recoverStaleExports } from "./jobs/maintenance";
import { HEARTBEAT_INTERVAL_MS, runExportTask } from "./jobs/run-export";
import { exportLimits, storageLimitBytes, type ExportLimits } from "./limits";

/*
 * The export worker: graphile-worker on the console's own PostgreSQL (LISTEN/NOTIFY, so a new
 * export starts within milliseconds), running export jobs plus two scheduled ones: recovery of
 * exports whose worker died, and removal of expired files. `npm start` runs one in the console's
 * start process; `npm run worker` runs more, on this or other machines.
 */

export const EXPIRE_JOB = "exports-expire";
export const RECOVER_JOB = "exports-recover";
const LISTEN_WAIT_MS = 5_000;

export interface ExportWorkerOptions {
  pool: pg.Pool;
  /** Exports at once in this process; each is CPU-bound, so one per core at most. */
  concurrency?: number;
  /** A running export silent this long is taken to be dead and retried. */
  staleAfterMs?: number;
  /** The fair-use limits; by default the environment's (a bad value refuses the start). */
  limits?: ExportLimits;
}

export interface ExportWorker {
  stop(): Promise<void>;
  /** Resolves when the runner ends (stopped, or failed for good). */
  done: Promise<void>;
}

export async function startExportWorker(options: ExportWorkerOptions): Promise<ExportWorker> {
  const limits = options.limits ?? exportLimits();
  const db = createDb(options.pool);
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  // Three heartbeats fit in the stale threshold, so one late beat is never a death.
  const heartbeatMs = Math.max(100, Math.min(HEARTBEAT_INTERVAL_MS, Math.floor(staleAfterMs / 3)));
  /** This process's workers with an export in progress: recovery never unlocks them. */
  const alive = new Set<string>();

  const exportTask: Task = async (payload, helpers) => {
    const taskId = (payload as { taskId?: unknown } | null)?.taskId;
    if (typeof taskId !== "string") return; // not ours to retry: a malformed job can never succeed
    const workerId = helpers.job.locked_by ?? "unknown";
    alive.add(workerId);
    const started = performance.now();
    let outcome = "error";
    try {
      await runExportTask({ pool: options.pool, db, heartbeatMs, storageLimitBytes: storageLimitBytes(limits) }, taskId, {
        workerId,
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
      });
      outcome = "success";
    } finally {
      alive.delete(workerId);
      metrics().exportDuration.observe({ outcome }, (performance.now() - started) / 1000);
    }
  };

  // Ready means listening: a job queued before that would wait for the next poll (seconds), not a NOTIFY.
  const events: WorkerEvents = new EventEmitter();
  observeJobs(events);
  watchPool("exports", options.pool);
  const listening = new Promise<void>((resolve) => {
    events.once("pool:listen:success", () => resolve());
    setTimeout(resolve, LISTEN_WAIT_MS).unref();
  });
  const runner: Runner = await run({
    pgPool: options.pool,
    events,
    concurrency: options.concurrency ?? 1,
    noHandleSignals: true,
    logger: queueLogger("exports"),
    taskList: {
      [EXPORT_JOB]: exportTask,
      [RECOVER_JOB]: async () => void (await recoverStaleExports(db, staleAfterMs, alive)),
      [EXPIRE_JOB]: async () => void (await expireExportFiles(db)),
    },
    // Hourly expiry, recovery every minute (cron's finest grain); the interval below does it sooner.
    crontab: `0 * * * * ${EXPIRE_JOB}\n* * * * * ${RECOVER_JOB}\n`,
  });

  await listening;

  // A worker coming up is the likeliest moment a dead one is found: look at once, then often.
  const sweep = () => void recoverStaleExports(db, staleAfterMs, alive).catch(() => {});
  sweep();
  const timer = setInterval(sweep, Math.max(1_000, Math.floor(staleAfterMs / 2)));
  timer.unref();

  return {
    done: runner.promise.finally(() => clearInterval(timer)),
    async stop() {
      clearInterval(timer);
      await runner.stop();
    },
  };
}
