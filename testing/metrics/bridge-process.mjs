/**
 * The processes of `npm start` in miniature, for lib/metrics/cluster-bridge.int.test.ts: forked
 * by the test (which plays the start process and its workers), this script runs either one web
 * process (BRIDGE_WEB_PROCESSES=1) or a cluster primary with that many web processes. Each web
 * process counts `BRIDGE_COUNT` into its own registry; the first one scrapes and sends the merged
 * text back up, to the test.
 */
import cluster from "node:cluster";
import { AggregatorRegistry, Counter, Registry } from "prom-client";
import { answerCollects, COLLECTOR, relayScrapes, scrapeAll } from "../../lib/metrics/cluster-bridge.mjs";

const processes = Number(process.env.BRIDGE_WEB_PROCESSES ?? 1);

function webProcess(first) {
  const registry = new Registry();
  new Counter({ name: "bridge_test_calls_total", help: "test", registers: [registry] }).inc(Number(process.env.BRIDGE_COUNT ?? 1));
  globalThis[COLLECTOR] = () => registry.getMetricsAsJSON();
  answerCollects(process);
  if (!first) return;
  // Once every process is up, as a scrape would come later in life.
  setTimeout(async () => {
    const text = await AggregatorRegistry.aggregate(await scrapeAll()).metrics();
    process.send?.({ type: "bridge-test:result", text });
  }, 500);
}

if (processes > 1 && cluster.isPrimary) {
  relayScrapes();
  for (let i = 0; i < processes; i++) cluster.fork({ BRIDGE_FIRST: i === 0 ? "1" : "0" });
  cluster.on("message", (_worker, message) => {
    if (message?.type === "bridge-test:result") process.send?.(message);
  });
} else {
  webProcess(processes === 1 || process.env.BRIDGE_FIRST === "1");
}
