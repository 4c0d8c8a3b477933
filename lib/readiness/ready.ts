import type pg from "pg";
import { latestAppliedMigration, listeningConnections, queueSchemaPresent } from "@/db/queries/readiness";
import journal from "@/db/migrations/meta/_journal.json";
import { isDraining } from "@/lib/shutdown/draining";

/*
 * Readiness, for a load balancer: may this instance take traffic now? Liveness (/api/health) only
 * asks whether the process and the database answer; readiness also wants the schema this build
 * expects, the queue's schema, the export and send workers this process tree runs (npm start), and
 * no shutdown under way — a draining instance answers 503 so the balancer stops sending to it.
 */

export type Check = "ok" | "fail";

export interface Readiness {
  status: "ready" | "not-ready";
  checks: { shutdown: Check; db: Check; migrations: Check; queue: Check; workers?: Check };
}

export interface ReadinessDeps {
  draining: () => boolean;
  /** The newest migration this build ships (drizzle's journal), as drizzle records it (`created_at`). */
  expectedMigration: number;
  latestAppliedMigration: () => Promise<number | null>;
  queueSchemaPresent: () => Promise<boolean>;
  /** The pool application names of the workers this process tree runs; empty when it runs none. */
  workers: readonly string[];
  listeningConnections: (names: readonly string[]) => Promise<Map<string, number>>;
  timeoutMs: number;
}

export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const checks: Readiness["checks"] = { shutdown: deps.draining() ? "fail" : "ok", db: "ok", migrations: "ok", queue: "ok" };
  if (deps.workers.length > 0) checks.workers = "ok";
  try {
    const [applied, queue, listening] = await bounded(
      Promise.all([
        deps.latestAppliedMigration(),
        deps.queueSchemaPresent(),
        deps.workers.length > 0 ? deps.listeningConnections(deps.workers) : Promise.resolve(new Map<string, number>()),
      ]),
      deps.timeoutMs,
    );
    if (applied === null || applied < deps.expectedMigration) checks.migrations = "fail";
    if (!queue) checks.queue = "fail";
    if (deps.workers.some((name) => (listening.get(name) ?? 0) < 1)) checks.workers = "fail";
  } catch {
    // Unreachable or hung: nothing else can be known, and none of it is ready.
    Object.assign(checks, { db: "fail", migrations: "fail", queue: "fail" }, deps.workers.length > 0 ? { workers: "fail" } : {});
  }
  const ready = Object.values(checks).every((check) => check === "ok");
  return { status: ready ? "ready" : "not-ready", checks };
}

async function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("readiness check timed out")), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** CONSOLE_WORKER_APP_NAMES, which scripts/start.ts sets for its web processes when it runs workers beside them. */
export function workerAppNames(env: Partial<Record<string, string>> = process.env): string[] {
  return (env.CONSOLE_WORKER_APP_NAMES ?? "").split(",").map((name) => name.trim()).filter(Boolean);
}

export function expectedMigration(): number {
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

export function readinessDeps(pool: pg.Pool, env: Partial<Record<string, string>> = process.env): ReadinessDeps {
  return {
    draining: isDraining,
    expectedMigration: expectedMigration(),
    latestAppliedMigration: () => latestAppliedMigration(pool),
    queueSchemaPresent: () => queueSchemaPresent(pool),
    workers: workerAppNames(env),
    listeningConnections: (names) => listeningConnections(pool, names),
    timeoutMs: 2_000,
  };
}

export function readinessResponse(readiness: Readiness): Response {
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
