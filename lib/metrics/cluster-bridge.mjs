/**
 * How one scrape sees every process of an instance. `npm start` runs the web processes
 * (scripts/serve.mjs, node:cluster) and, in the start process itself, the export and send
 * workers; each keeps its own prom-client registry. The process that answers GET /api/metrics
 * asks for all of them over the IPC channels Node already has (cluster worker ↔ primary, and the
 * start process ↔ serve.mjs) and merges them with prom-client's AggregatorRegistry (gather.ts):
 * counters and histograms add up, so the totals are the instance's.
 *
 *   web worker ──scrape──▶ primary ──collect──▶ every web worker, and the start process
 *
 * A process with no collector yet (no request handled) or that does not answer within WAIT_MS
 * is left out of that scrape rather than holding it up. Plain JavaScript: scripts/serve.mjs loads
 * it without a TypeScript loader.
 */
import cluster from "node:cluster";

export const COLLECTOR = Symbol.for("channel-console.metrics.collector");
const COLLECT = "channel-console:metrics:collect";
const COLLECTED = "channel-console:metrics:collected";
const SCRAPE = "channel-console:metrics:scrape";
const SCRAPED = "channel-console:metrics:scraped";
/** Set by scripts/serve.mjs for its processes and by scripts/start.ts for serve.mjs: someone above answers. */
export const BRIDGE_ENV = "CHANNEL_CONSOLE_METRICS_BRIDGE";
const WAIT_MS = 2_000;

let nextId = 0;

/** This process's metrics, as the bundled code published them (lib/metrics/publish.ts); a list of one or none. */
async function collectOwn() {
  const collector = /** @type {any} */ (globalThis)[COLLECTOR];
  return collector ? [await collector()] : [];
}

/**
 * Sends `type` over `channel` (a process, a cluster worker, a child process) and resolves with the
 * lists of its answer, or none after WAIT_MS.
 * @param {{ send?: Function, on: Function, off: Function }} channel
 */
function ask(channel, type, answerType) {
  return new Promise((resolve) => {
    const id = `${process.pid}:${nextId++}`;
    const done = (lists) => {
      clearTimeout(timer);
      channel.off("message", onMessage);
      resolve(lists);
    };
    const onMessage = (message) => {
      if (message?.type === answerType && message.id === id) done(Array.isArray(message.lists) ? message.lists : []);
    };
    const timer = setTimeout(() => done([]), WAIT_MS);
    channel.on("message", onMessage);
    try {
      channel.send?.({ type, id });
    } catch {
      done([]);
    }
  });
}

/**
 * Answers the collect requests that arrive over `channel`: `process` in a child, the child
 * process object in a parent (scripts/start.ts).
 * @param {{ send?: Function, on: Function }} channel
 */
export function answerCollects(channel) {
  channel.on("message", (message) => {
    if (message?.type !== COLLECT) return;
    collectOwn()
      .catch(() => [])
      .then((lists) => {
        try {
          channel.send?.({ type: COLLECTED, id: message.id, lists });
        } catch {
          // the asker is gone; nothing to tell
        }
      });
  });
}

/** In the cluster primary: a worker's scrape gets the lists of every worker and of the primary's parent. */
export function relayScrapes() {
  process.env[BRIDGE_ENV] = "1";
  cluster.on("message", (worker, message) => {
    if (message?.type !== SCRAPE) return;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
    const parent = process.send && process.env[`${BRIDGE_ENV}_PARENT`] === "1" ? [ask(process, COLLECT, COLLECTED)] : [];
    Promise.all([...workers.map((w) => ask(w, COLLECT, COLLECTED)), ...parent]).then((results) => {
      if (worker.isConnected()) worker.send({ type: SCRAPED, id: message.id, lists: results.flat() });
    });
  });
}

/** Every process's metrics lists, from the process answering the scrape (its own included). */
export async function scrapeAll() {
  if (cluster.isWorker && process.env[BRIDGE_ENV] === "1") {
    const lists = await ask(process, SCRAPE, SCRAPED);
    return lists.length > 0 ? lists : collectOwn();
  }
  const own = await collectOwn();
  const parent = process.send && process.env[`${BRIDGE_ENV}_PARENT`] === "1" ? await ask(process, COLLECT, COLLECTED) : [];
  return [...own, ...parent];
}
