/**
 * The production server `npm start` runs: Next's request handler in several processes sharing one
 * port (node:cluster). One Node process uses one core, and provider webhooks are CPU-bound in
 * Next's request handling, so a single `next start` leaves the other cores idle (bench/README.md).
 *
 *   node scripts/serve.mjs [-p PORT] [-H HOSTNAME]   (defaults: PORT or 3000, HOST or 0.0.0.0)
 *
 * Plain JavaScript on purpose: a TypeScript loader would stay hooked into every module load of
 * the running server.
 *
 * WEB_CONCURRENCY sets the number of processes (default: one per CPU, at most 4). A process that
 * dies is replaced; SIGTERM / SIGINT stop them all: each answers /api/ready with 503, keeps
 * accepting for SHUTDOWN_DRAIN_DELAY_MS (default 0) so a balancer polling readiness moves away first,
 * then stops accepting, finishes the requests in flight (a webhook's commit and its 200) and exits;
 * what is still running after SHUTDOWN_TIMEOUT_MS is cut off. Webhook URLs skip Next's handler
 * (see directWebhooks below; WEBHOOK_DIRECT=off to turn that off).
 */
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import { answerCollects, relayScrapes } from "../lib/metrics/cluster-bridge.mjs";

/**
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 * @returns {{ port: number, hostname: string, processes: number }}
 */
export function parseServeArgs(args, env) {
  let port = Number(env.PORT ?? 3000);
  // scripts/start.ts always passes -H when it chooses (loopback on the embedded demo); run alone, HOST or all addresses.
  let hostname = env.HOST || "0.0.0.0";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if ((arg === "-p" || arg === "--port") && value) {
      port = Number(value);
      i++;
    } else if ((arg === "-H" || arg === "--hostname") && value) {
      hostname = value;
      i++;
    } else throw new Error(`unknown argument "${arg}" (use -p PORT and -H HOSTNAME)`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid port "${port}"`);
  const requested = Number(env.WEB_CONCURRENCY);
  const processes = Number.isInteger(requested) && requested > 0 ? requested : Math.min(4, os.availableParallelism());
  return { port, hostname, processes };
}

/**
 * SHUTDOWN_TIMEOUT_MS as lib/shutdown/timeout.ts reads it (this file cannot import TypeScript);
 * scripts/start.ts has already refused a bad value, so here a bad one falls back to the default.
 *
 * @param {Record<string, string | undefined>} env
 */
export function shutdownTimeout(env) {
  const value = Number(env.SHUTDOWN_TIMEOUT_MS);
  return Number.isInteger(value) && value >= 1_000 && value <= 600_000 ? value : 25_000;
}

/**
 * SHUTDOWN_DRAIN_DELAY_MS as lib/shutdown/timeout.ts reads it; scripts/start.ts has refused a bad
 * value, so here one falls back to 0.
 *
 * @param {Record<string, string | undefined>} env
 */
export function drainDelay(env) {
  const value = Number(env.SHUTDOWN_DRAIN_DELAY_MS);
  return Number.isInteger(value) && value > 0 && value <= shutdownTimeout(env) - 1_000 ? value : 0;
}

/** @param {{ port: number, hostname: string, processes: number }} options */
function runPrimary(options) {
  let stopping = false;
  const startedAt = new Map();
  // GET /api/metrics, answered by any worker, merges every process's metrics (lib/metrics/cluster-bridge.mjs).
  relayScrapes();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  for (let i = 0; i < options.processes; i++) fork();
  let ready = 0;
  cluster.on("listening", () => {
    ready += 1;
    if (ready === options.processes) console.info(`[serve] ${options.processes} processes listening on http://${options.hostname}:${options.port}`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    console.error(`[serve] process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    // A process that dies at once would die again: wait a little instead of spinning.
    setTimeout(fork, lived < 5_000 ? 2_000 : 0);
  });
  /** @param {NodeJS.Signals} signal */
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
    for (const worker of workers) worker?.process.kill(signal);
    // Workers finish their requests first (they give up a second earlier); one that hangs must not keep the server up.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(0);
    }, shutdownTimeout(process.env)).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/**
 * Provider webhooks are served straight from node:http, in front of Next's handler, by the
 * handler instrumentation.ts publishes (lib/webhooks/ingest/node-transport.ts): the same ingestor
 * and answers as the route handlers, without Next's per-request work. Next runs instrumentation
 * when it handles its first request, so until then webhooks take the route handlers (same
 * answers). WEBHOOK_DIRECT=off keeps them on the route handlers.
 *
 * @param {Record<string, string | undefined>} env
 * @returns {(request: http.IncomingMessage, response: http.ServerResponse) => boolean}
 */
export function directWebhooks(env) {
  if (env.WEBHOOK_DIRECT === "off") return () => false;
  const key = Symbol.for("channel-console.webhooks.node-handler");
  /** @type {((request: http.IncomingMessage, response: http.ServerResponse) => boolean) | undefined} */
  let published;
  return (request, response) => {
    published ??= /** @type {any} */ (globalThis)[key];
    return published ? published(request, response) : false;
  };
}

/**
 * Appends the TCP peer to X-Forwarded-For, as a proxy does, before anything reads the request.
 * Next only fills that header in when it is missing, so without this a client could name any
 * address and slip past the per-address sign-in and token limits; with it, the right-most entry
 * is always the peer (lib/rate-limit/client-address.ts; TRUST_PROXY counts the proxies before it).
 *
 * @param {http.IncomingMessage} request
 */
export function appendPeerAddress(request) {
  const peer = request.socket.remoteAddress ?? "unknown";
  const prior = request.headers["x-forwarded-for"];
  const list = Array.isArray(prior) ? prior.join(", ") : prior;
  request.headers["x-forwarded-for"] = list ? `${list}, ${peer}` : peer;
}

/** @param {{ port: number, hostname: string }} options */
async function runWorker(options) {
  // Imported here, not at the top: the primary only forks and never loads Next.
  const { default: next } = await import("next");
  answerCollects(process);
  const app = next({ dev: false, dir: process.cwd(), hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const webhooks = directWebhooks(process.env);
  const drain = drainer();
  const server = http.createServer((request, response) => {
    appendPeerAddress(request);
    drain.track(response);
    if (webhooks(request, response)) return;
    void handle(request, response);
  });
  // Providers and load balancers keep connections open; Node's 5 s default would close them under them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(options.port, options.hostname);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Not ready from now on; still accepting until the balancer has seen that (SHUTDOWN_DRAIN_DELAY_MS).
    drain.start();
    setTimeout(() => {
      // Finish the requests in flight (a 200 must not be cut off), close keep-alive connections as they go idle, then go.
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 100).unref();
    }, drainDelay(process.env)).unref();
    // A second before the primary's SIGKILL, so the exit is ours.
    setTimeout(() => process.exit(0), Math.max(500, shutdownTimeout(process.env) - 1_000)).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * Draining: /api/ready answers 503 (lib/shutdown/draining.ts reads the flag), and every answer
 * not yet started, in flight or arriving on a kept-alive connection, says `Connection: close`, so
 * clients and load balancers open their next connection elsewhere instead of waiting on this one.
 */
function drainer() {
  /** @type {Set<http.ServerResponse>} */
  const open = new Set();
  let draining = false;
  /** @param {http.ServerResponse} response */
  const closeAfter = (response) => {
    if (!response.headersSent) response.setHeader("connection", "close");
  };
  return {
    /** @param {http.ServerResponse} response */
    track(response) {
      if (draining) return closeAfter(response);
      open.add(response);
      response.once("close", () => open.delete(response));
    },
    start() {
      draining = true;
      /** @type {any} */ (globalThis)[Symbol.for("channel-console.draining")] = true;
      for (const response of open) closeAfter(response);
    },
  };
}

if (process.argv[1]?.endsWith("serve.mjs")) {
  let options;
  try {
    options = parseServeArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`[serve] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  process.env.NODE_ENV = "production";
  if (cluster.isPrimary && options.processes > 1) runPrimary(options);
  else
    runWorker(options).catch((error) => {
      console.error(`[serve] cannot start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
