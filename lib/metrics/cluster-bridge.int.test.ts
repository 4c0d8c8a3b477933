import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Counter, Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { answerCollects, BRIDGE_ENV, COLLECTOR } from "./cluster-bridge.mjs";

/*
 * One scrape sees every process of an instance: web processes in a node:cluster (each counting 1)
 * and the start process above them (this test, counting 10), as `npm start` runs them.
 */

const SCRIPT = path.join(import.meta.dirname, "../../testing/metrics/bridge-process.mjs");
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
  delete (globalThis as Record<symbol, unknown>)[COLLECTOR];
});

function startProcess(webProcesses: number): Promise<string> {
  const registry = new Registry();
  new Counter({ name: "bridge_test_calls_total", help: "test", registers: [registry] }).inc(10);
  (globalThis as Record<symbol, unknown>)[COLLECTOR] = () => registry.getMetricsAsJSON();
  child = fork(SCRIPT, [], {
    env: { ...process.env, [`${BRIDGE_ENV}_PARENT`]: "1", BRIDGE_WEB_PROCESSES: String(webProcesses), BRIDGE_COUNT: "1" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  answerCollects(child);
  return new Promise((resolve, reject) => {
    child!.on("message", (message: { type?: string; text?: string }) => {
      if (message?.type === "bridge-test:result") resolve(message.text ?? "");
    });
    child!.on("exit", (code) => reject(new Error(`the bridge process exited (${code})`)));
  });
}

describe("metrics across processes", () => {
  it("a cluster of three web processes and the start process scrape as one", async () => {
    expect(await startProcess(3)).toContain("bridge_test_calls_total 13");
  }, 20_000);

  it("a single web process adds the start process's metrics to its own", async () => {
    expect(await startProcess(1)).toContain("bridge_test_calls_total 11");
  }, 20_000);
});
