/*
 * What every benchmark needs around its measurements: cleanup steps run in reverse order on success,
 * failure, Ctrl-C and past a hard time limit (a bench bounds itself), and a throwaway embedded
 * PostgreSQL unless DATABASE_URL names a server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedProcess } from "@/testing/db/embedded-process";

export const log = (line: string) => console.info(`[bench] ${line}`);

export interface BenchRun {
  /** Registers a cleanup step; steps run last-registered first. */
  onCleanup(step: () => Promise<void>): void;
  /** Runs the cleanup steps once (later calls do nothing) and stops the time limit. */
  finish(): Promise<void>;
}

export function startBenchRun(timeLimitMs: number): BenchRun {
  const steps: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of steps.reverse()) await step().catch((error: unknown) => console.error(`[bench] cleanup: ${String(error)}`));
    steps.length = 0;
  };
  const limit = setTimeout(() => {
    console.error(`[bench] stopped: over the time limit of ${timeLimitMs / 60_000} minutes`);
    void cleanup().finally(() => process.exit(2));
  }, timeLimitMs);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  return {
    onCleanup: (step) => void steps.push(step),
    finish: async () => {
      clearTimeout(limit);
      await cleanup();
    },
  };
}

/** DATABASE_URL's server, or a throwaway embedded PostgreSQL in a temporary folder on `port`. */
export async function openBenchDatabase(run: BenchRun, port: number, prefix: string): Promise<{ url: string; embedded: boolean }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false };
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  run.onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const server = await startEmbeddedProcess({ dir, port, database: "bench" });
  run.onCleanup(() => server.stop());
  return { url: server.url, embedded: true };
}
