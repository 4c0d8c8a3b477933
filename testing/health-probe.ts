// "Does the console keep answering?": a loopback server answering /api/health with the real health
// logic (lib/health.ts) in the test's process, and a poller in another process that asks it every
// ~10 ms while something runs, reporting how long each answer took.
import { fork } from "node:child_process";
import http from "node:http";
import { listenOnLoopback } from "@/testing/loopback";
import path from "node:path";
import type pg from "pg";
import { checkHealth, healthResponse } from "@/lib/health";

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

export async function startHealthServer(pool: pg.Pool): Promise<HealthServer> {
  const server = http.createServer(async (_request, response) => {
    const answer = healthResponse(await checkHealth(pool));
    response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
  });
  const { origin, close } = await listenOnLoopback(server);
  return { url: `${origin}/api/health`, close };
}

export interface Poll {
  /** How long the answer took, or how long until the connection failed. */
  ms: number;
  /** Answered 200. */
  ok: boolean;
}

/** Runs `work` while the health URL is polled every `everyMs`; resolves with its result and every poll made meanwhile. */
export async function whilePolling<T>(url: string, work: () => Promise<T>, everyMs = 10): Promise<{ result: T; polls: Poll[] }> {
  const poller = fork(path.join(import.meta.dirname, "health-poller.mjs"), [url, String(everyMs)], { execArgv: [], stdio: "ignore" });
  const exited = new Promise<never>((_, reject) => poller.once("exit", (code) => reject(new Error(`the health poller exited (${code})`))));
  const next = <M>() => Promise.race([new Promise<M>((resolve) => poller.once("message", resolve)), exited]);
  try {
    await next<{ ready: true }>();
    await new Promise((resolve) => setTimeout(resolve, 5 * everyMs));
    const result = await work();
    await new Promise((resolve) => setTimeout(resolve, 5 * everyMs));
    const report = next<{ polls: Poll[] }>();
    poller.send("stop");
    return { result, polls: (await report).polls };
  } finally {
    exited.catch(() => undefined);
    poller.kill();
  }
}
