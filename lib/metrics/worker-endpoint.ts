import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { metricsAccess } from "./token";

/*
 * `npm run worker` serves no pages, so its job durations, sends and exports would be in no scrape.
 * With WORKER_METRICS_PORT set it answers GET /metrics itself, with the same bearer token as
 * /api/metrics. Only its own registry: the queue depth is the database's and the console
 * instances already report it, so counting it here too would double it in a sum over targets.
 */

export interface WorkerMetricsSettings {
  port: number;
  host: string;
  token: string;
}

/**
 * Reads WORKER_METRICS_PORT / METRICS_HOST / METRICS_TOKEN. Null when no port is set (the default:
 * off); a port without a token, or a port that is not one, refuses the start with a sentence.
 */
export function workerMetricsSettings(env: Record<string, string | undefined>): WorkerMetricsSettings | null {
  const raw = env.WORKER_METRICS_PORT?.trim();
  if (!raw) return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`WORKER_METRICS_PORT must be a port number (1-65535), not "${raw}"`);
  }
  const token = env.METRICS_TOKEN?.trim();
  if (!token) throw new Error("WORKER_METRICS_PORT needs METRICS_TOKEN: the metrics are only served to its bearer");
  return { port, host: env.METRICS_HOST?.trim() || "127.0.0.1", token };
}

const text = (response: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  response.end(body);
};

export async function startWorkerMetricsEndpoint(settings: WorkerMetricsSettings, registry: Registry): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path !== "/metrics") return text(response, 404, "Not found\n");
    if (request.method !== "GET" && request.method !== "HEAD") return text(response, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
    if (metricsAccess(request.headers.authorization ?? null, settings.token) !== "granted") {
      return text(response, 401, "Unauthorized\n", { "WWW-Authenticate": 'Bearer realm="metrics"' });
    }
    registry.metrics().then(
      (body) => {
        response.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
        response.end(request.method === "HEAD" ? undefined : body);
      },
      () => text(response, 500, "unexpected\n"),
    );
  });
  // A scrape is short; a stuck client must not keep the worker from exiting.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

export const listeningPort = (server: http.Server) => (server.address() as AddressInfo).port;
