import { AggregatorRegistry, Gauge, type PrometheusContentType, type Registry } from "prom-client";
import type { QueueDepthRow } from "@/db/queries/queue-depth";
import { scrapeAll } from "./cluster-bridge.mjs";

/*
 * One scrape: every process's registry merged (cluster-bridge.mjs), then the queue depth, which
 * is the database's and so read once here rather than once per process.
 */

export async function instanceRegistry(readQueueDepth: () => Promise<QueueDepthRow[]>): Promise<Registry<PrometheusContentType>> {
  const registry = AggregatorRegistry.aggregate<PrometheusContentType>(await scrapeAll());
  const depth = new Gauge({
    name: "console_queue_jobs",
    help: "Queue jobs by task and state (waiting: due, not taken; scheduled: due later; locked: running; failed: out of attempts), read at scrape time.",
    labelNames: ["task", "state"] as const,
    registers: [registry],
  });
  for (const row of await readQueueDepth()) {
    depth.set({ task: row.task, state: "waiting" }, row.waiting);
    depth.set({ task: row.task, state: "scheduled" }, row.scheduled);
    depth.set({ task: row.task, state: "locked" }, row.locked);
    depth.set({ task: row.task, state: "failed" }, row.failed);
  }
  return registry;
}
