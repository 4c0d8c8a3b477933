import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import { fixture } from "../fixtures/certificates";
import { listenOnLoopback } from "../loopback";
import { testServerCredentials } from "../test-ca";

/*
 * The HTTPS side every fake provider shares: a server on 127.0.0.1 with the tests' certificate
 * (testing/test-ca.ts), optionally demanding a client certificate from the same test CA, that
 * records every request it got and can be told what to answer next.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** When the request was in (Date.now()), e.g. to measure a send rate. */
  at: number;
}

/** What the next API call (not a token request) gets instead of its normal answer; each is used once. */
export type NextAnswer =
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "server-error"; status?: number }
  /** The provider's permanent refusal (its own code), e.g. an invalid recipient. */
  | { kind: "permanent" };

export interface FakeHttpsOptions {
  /** Demand a client certificate issued by the test CA (mutual TLS); a client without one never gets an HTTP answer. */
  requireClientCert?: boolean;
}

export interface FakeHttps {
  /** `https://127.0.0.1:<port>` */
  origin: string;
  /** The address-trustlist prefix that admits `origin` (approve it, or the connector refuses 127.0.0.1). */
  prefix: string;
  /** Every HTTP request that reached the fake, in order. */
  requests: RecordedRequest[];
  /** TCP connections accepted: zero after a call the connector refused before connecting. */
  readonly connections: number;
  /** Queue an answer for the next API call. */
  answerNext(answer: NextAnswer): void;
  /** The queued answer for this call, if any (used by the fakes' routers). */
  takeNext(): NextAnswer | undefined;
  /**
   * Hold the next request: it is recorded and, once released, handled as usual (the provider did
   * take it), but no answer leaves until `release()`. `arrived` resolves when it is in.
   */
  holdNext(): { arrived: Promise<void>; release(): void };
  reset(): void;
  close(): Promise<void>;
}

export type Router = (request: RecordedRequest, res: ServerResponse, fake: FakeHttps) => void;

export async function startFakeHttps(options: FakeHttpsOptions, route: Router): Promise<FakeHttps> {
  const requests: RecordedRequest[] = [];
  const queued: NextAnswer[] = [];
  let connections = 0;
  let hold: { arrive: () => void; released: Promise<void> } | null = null;
  const server = https.createServer({
    ...testServerCredentials(),
    ...(options.requireClientCert
      ? { requestCert: true, rejectUnauthorized: true, ca: [fixture("root-ca.pem"), fixture("intermediate-ca.pem")] }
      : {}),
  });
  server.on("tlsClientError", () => {});
  server.on("connection", (socket) => {
    connections++;
    socket.on("error", () => {});
  });
  const listening = await listenOnLoopback(server);
  const origin = `https://127.0.0.1:${listening.port}`;
  const fake: FakeHttps = {
    origin,
    prefix: `${origin}/`,
    requests,
    get connections() {
      return connections;
    },
    answerNext: (answer) => void queued.push(answer),
    takeNext: () => queued.shift(),
    holdNext() {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      hold = { arrive, released: new Promise<void>((resolve) => (release = resolve)) };
      return { arrived, release };
    },
    reset() {
      requests.length = 0;
      queued.length = 0;
      connections = 0;
    },
    close: listening.close,
  };
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    readBody(req)
      .then((body) => {
        const url = new URL(req.url ?? "/", origin);
        const recorded = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body, at: Date.now() };
        requests.push(recorded);
        const held = hold;
        hold = null;
        if (!held) return route(recorded, res, fake);
        held.arrive();
        // Handled (a message made) at once, as a provider would; only the answer waits.
        const answer = { status: 0, headers: {} as Record<string, string>, body: "" };
        const recorder = Object.assign(Object.create(res) as ServerResponse, {
          writeHead(status: number, headers: Record<string, string>) {
            Object.assign(answer, { status, headers });
            return recorder;
          },
          end(body: string) {
            answer.body = body;
            return recorder;
          },
        });
        route(recorded, recorder, fake);
        void held.released.then(() => {
          if (!res.destroyed) res.writeHead(answer.status, answer.headers).end(answer.body);
        });
      })
      .catch(() => sendJson(res, 500, {}));
  });
  return fake;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** `Authorization: Basic …` as user and password, or null. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return null;
  const text = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = text.indexOf(":");
  return colon < 0 ? null : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Posts a delivery report to the console's webhook URL the way a provider does (plain fetch: the fake is the provider). */
export async function postReport(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: "POST", body, headers });
  await response.arrayBuffer();
  return response.status;
}
