import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { test as base } from "@playwright/test";
import { startDatabase, type TestDatabase } from "../../e2e/durability-helpers";
import type { ChannelPrerequisites } from "../seed/prerequisites";
import { seedPrerequisites, startInstance, startWorker, stopAll, type Instance, type Shared, type Worker } from "./processes";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy";

/*
 * One deployment for the whole Playwright worker (the "multi-instance" project runs one): a
 * PostgreSQL server, console instances A (two web processes, the node:cluster path) and B (one),
 * a separate worker, and the round-robin proxy in front. Ports of its own (MULTI_INSTANCE_PORT:
 * the proxy, +1 A, +2 B; MULTI_INSTANCE_PG_PORT), clear of the browser suite's and the durability spec's.
 */

const root = path.join(import.meta.dirname, "..", "..");
const PROXY_PORT = Number(process.env.MULTI_INSTANCE_PORT ?? 3170);
const PG_PORT = Number(process.env.MULTI_INSTANCE_PG_PORT ?? 54370);
const DIR = path.join(root, "data", `multi-instance-${PROXY_PORT}`);

export interface Deployment {
  database: TestDatabase;
  shared: Shared;
  prerequisites: ChannelPrerequisites;
  proxy: RoundRobinProxy;
  instances: { a: Instance; b: Instance };
  worker: Worker;
  /** Starts instance A again after a test terminated it. */
  restartA(): Promise<Instance>;
}

export const test = base.extend<object, { deployment: Deployment }>({
  deployment: [
    async ({}, provide) => {
      const secretsKey = randomBytes(32).toString("base64");
      const authSecret = randomBytes(32).toString("base64url");
      rmSync(DIR, { recursive: true, force: true });
      const prerequisites = await seedPrerequisites({ dir: DIR, pgPort: PG_PORT, secretsKey });
      const database = await startDatabase(DIR, PG_PORT);
      const proxy = await startRoundRobinProxy({ port: PROXY_PORT, upstreamPorts: [PROXY_PORT + 1, PROXY_PORT + 2] });
      const shared: Shared = { databaseUrl: database.url, secretsKey, authSecret, publicBaseUrl: proxy.url };
      try {
        const [a, b, worker] = await Promise.all([
          startInstance("A", PROXY_PORT + 1, shared, 2),
          startInstance("B", PROXY_PORT + 2, shared, 1),
          startWorker(shared),
        ]);
        const deployment: Deployment = {
          database,
          shared,
          prerequisites,
          proxy,
          instances: { a, b },
          worker,
          async restartA() {
            deployment.instances.a = await startInstance("A", PROXY_PORT + 1, shared, 2);
            return deployment.instances.a;
          },
        };
        await provide(deployment);
      } finally {
        await proxy.close();
        await stopAll();
        await database.stop();
        rmSync(DIR, { recursive: true, force: true });
      }
    },
    { scope: "worker", timeout: 180_000 },
  ],
});

/** On a failure, every process's output goes into the report. */
test.afterEach(async ({ deployment }, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const instance of Object.values(deployment.instances)) await testInfo.attach(`instance-${instance.name}.log`, { body: instance.output(), contentType: "text/plain" });
  await testInfo.attach("worker.log", { body: deployment.worker.output(), contentType: "text/plain" });
});

export { expect } from "@playwright/test";
