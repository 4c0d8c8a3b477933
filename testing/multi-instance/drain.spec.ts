import { startInstance } from "./processes";
import { expect, test } from "./fixtures";

/*
 * Issue 18, item 6: /api/ready answers 503 during shutdown so the load balancer drains the
 * instance. With SHUTDOWN_DRAIN_DELAY_MS an instance given SIGTERM stays reachable that long, not
 * ready but still answering, so a balancer polling readiness moves away before the port closes;
 * then it stops accepting and exits. Instance C is extra, outside the balancer, with two web
 * processes (the cluster path: the primary passes the signal on).
 */

const DELAY_MS = 4_000;
const PORT = Number(process.env.MULTI_INSTANCE_PORT ?? 3170) + 3;

test("SIGTERM: /api/ready says 503 at once while the instance still answers, then the port closes", async ({ deployment }) => {
  test.setTimeout(150_000);
  const c = await startInstance("C", PORT, deployment.shared, 2, { SHUTDOWN_DRAIN_DELAY_MS: String(DELAY_MS) });
  const get = (path: string) => fetch(`${c.url}${path}`, { signal: AbortSignal.timeout(5_000) });
  expect((await get("/api/ready")).status).toBe(200);

  const signalledAt = performance.now();
  const exited = c.terminate();
  // Both processes of C must have taken the signal: every answer in the delay says 503, whichever serves it.
  let firstNotReadyMs = Number.NaN;
  const readiness: number[] = [];
  while (performance.now() - signalledAt < DELAY_MS - 1_500) {
    const status = (await get("/api/ready")).status;
    readiness.push(status);
    if (status === 503 && Number.isNaN(firstNotReadyMs)) firstNotReadyMs = performance.now() - signalledAt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(firstNotReadyMs, "not ready within a second of SIGTERM").toBeLessThan(1_000);
  const afterFirst = readiness.slice(readiness.indexOf(503));
  expect(afterFirst.every((status) => status === 503), `readiness after the first 503: ${afterFirst.join(",")}`).toBe(true);
  expect(afterFirst.length).toBeGreaterThan(5);

  // Still answering on new connections, each told to close so the next goes elsewhere.
  const health = await get("/api/health");
  expect(health.status).toBe(200);
  expect(health.headers.get("connection")).toBe("close");
  const body = (await (await get("/api/ready")).json()) as { status: string };
  expect(body.status).not.toBe("ready");

  const exitMs = await exited;
  expect(exitMs, "kept accepting for the delay").toBeGreaterThanOrEqual(DELAY_MS - 100);
  expect(exitMs, "exited within SHUTDOWN_TIMEOUT_MS (15 s here)").toBeLessThan(15_000);
  await expect(get("/api/health"), "the port is closed once C has gone").rejects.toThrow();
  console.info(`[multi-instance] drain: not ready ${Math.round(firstNotReadyMs)} ms after SIGTERM, ${afterFirst.length} readiness probes answered 503, exited after ${exitMs} ms`);
});
