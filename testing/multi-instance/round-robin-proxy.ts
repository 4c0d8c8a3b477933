import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * The multi-instance test's load balancer: round robin over console instances on 127.0.0.1, as
 * an operator's balancer would do it. It sets X-Forwarded-For/-Proto/-Host (the instances run with
 * TRUST_PROXY=1), opens a fresh upstream connection per request (no pooled socket that an instance
 * could close under it), and does what balancers do when an instance is restarting:
 *  - a connection REFUSED (nothing listens) is retried once on the next instance;
 *  - a connection reset or closed before any answer byte ("empty response") is retried once too,
 *    but only where a repeat is harmless: GET/HEAD, and provider webhooks, which are stored once
 *    per idempotency key. A closing listener resets the connections still in its accept queue
 *    (the kernel's, or node:cluster's primary's); they never reached the application.
 *    HAProxy: `retry-on conn-failure empty-response`; nginx: `proxy_next_upstream error` (plus
 *    `non_idempotent` on the webhook location).
 * A second failure, or any failure that may not be repeated, is answered 502 and counted, so a
 * test can require that none happened.
 */

export interface ProxyStats {
  requests: number;
  /** Refused once, then served by the next instance. */
  retriedAfterRefusal: number;
  /** Reset before any answer byte (a repeatable request), then served by the next instance. */
  retriedAfterEmpty: number;
  /** Refused on both tries: what "refused at the load balancer more than once" means. */
  refusedTwice: number;
  /** Any other upstream failure (reset, cut off mid-answer), answered 502. */
  failed: number;
  /** Requests answered per upstream port. */
  byUpstream: Record<number, number>;
  /** Each upstream failure: port, method, path, error code, and whether it was retried. */
  errors: { upstream: number; method: string; path: string; code: string; retried: boolean }[];
}

export interface RoundRobinProxy {
  url: string;
  stats: ProxyStats;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(options: { port: number; upstreamPorts: number[] }): Promise<RoundRobinProxy> {
  const stats: ProxyStats = { requests: 0, retriedAfterRefusal: 0, retriedAfterEmpty: 0, refusedTwice: 0, failed: 0, byUpstream: {}, errors: [] };
  let next = 0;
  const pick = () => options.upstreamPorts[next++ % options.upstreamPorts.length]!;

  /** The latest upstream failure of each answer being made, to mark it retried. */
  const failures = new WeakMap<http.ServerResponse, ProxyStats["errors"][number]>();
  const server = http.createServer(async (request, response) => {
    stats.requests += 1;
    // Buffered, so that a refused connect can be replayed: webhook and form bodies are small.
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = forwardedHeaders(request, options.port);
    const first = pick();
    let outcome = await forward(first, request, headers, body, response);
    const repeatable = outcome === "refused" || (outcome === "empty" && mayRepeat(request));
    if (repeatable) {
      failures.get(response)!.retried = true;
      const firstOutcome = outcome;
      const second = options.upstreamPorts.find((port) => port !== first) ?? first;
      outcome = await forward(second, request, headers, body, response);
      if (outcome === "refused" && firstOutcome === "refused") stats.refusedTwice += 1;
      else if (outcome === "served") stats[firstOutcome === "refused" ? "retriedAfterRefusal" : "retriedAfterEmpty"] += 1;
    }
    if (outcome === "failed" || outcome === "empty") stats.failed += 1;
    if (outcome !== "served") {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end("bad gateway");
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  function forward(
    upstream: number,
    request: http.IncomingMessage,
    headers: http.OutgoingHttpHeaders,
    body: Buffer,
    response: http.ServerResponse,
  ): Promise<"served" | "refused" | "empty" | "failed"> {
    return new Promise((resolve) => {
      let answered = false;
      const outgoing = http.request(
        { host: "127.0.0.1", port: upstream, method: request.method, path: request.url, headers, agent: false },
        (answer) => {
          answered = true;
          stats.byUpstream[upstream] = (stats.byUpstream[upstream] ?? 0) + 1;
          const { connection: _connection, "keep-alive": _keepAlive, ...answerHeaders } = answer.headers;
          response.writeHead(answer.statusCode ?? 502, answerHeaders);
          answer.pipe(response);
          answer.once("end", () => resolve("served"));
          answer.once("error", () => resolve("failed"));
        },
      );
      outgoing.once("error", (error: NodeJS.ErrnoException) => {
        const code = error.code ?? error.message;
        const failure = { upstream, method: request.method ?? "", path: request.url ?? "", code, retried: false };
        stats.errors.push(failure);
        failures.set(response, failure);
        if (answered) return resolve("failed");
        resolve(code === "ECONNREFUSED" ? "refused" : code === "ECONNRESET" || code === "EPIPE" ? "empty" : "failed");
      });
      outgoing.end(body);
    });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function mayRepeat(request: http.IncomingMessage): boolean {
  return request.method === "GET" || request.method === "HEAD" || (request.url ?? "").startsWith("/api/webhooks/");
}

function forwardedHeaders(request: http.IncomingMessage, port: number): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = { ...request.headers };
  delete headers.connection;
  delete headers["keep-alive"];
  const prior = request.headers["x-forwarded-for"];
  headers["x-forwarded-for"] = prior ? `${String(prior)}, ${request.socket.remoteAddress}` : request.socket.remoteAddress;
  headers["x-forwarded-proto"] = "http";
  headers["x-forwarded-host"] = request.headers.host ?? `127.0.0.1:${port}`;
  headers.connection = "close";
  return headers;
}
