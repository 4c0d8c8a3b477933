import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/*
 * `npm run worker` as a child process on a test database, running one of its two workers (the
 * outbound one unless told): what the crash, cross-process rate-limit and shutdown tests kill or
 * run side by side.
 */

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Everything the process wrote, for a failing test's message. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startWorkerProcess(databaseUrl: string, env: Record<string, string>, worker: "outbound" | "export" = "outbound"): Promise<WorkerProcess> {
  const onlyThisOne = worker === "outbound" ? { EXPORT_WORKER: "off" } : { OUTBOUND_WORKER: "off" };
  // node with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild a SIGKILL would miss.
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "worker.ts")], {
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, ...onlyThisOne },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    const check = () => {
      if (output.includes(`${worker} worker running`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", () => reject(new Error(`worker exited:\n${output}`)));
  });
  return {
    child,
    exited,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
