// Listeners on 127.0.0.1 for the outbound-connector tests: each counts the TCP connections it
// accepted, so a test can show that a refused call never reached it.
import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import net from "node:net";
import { listenOnLoopback } from "./loopback";
import { testServerCredentials } from "./test-ca";

export interface Listener {
  port: number;
  /** `https://127.0.0.1:<port>` */
  origin: string;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** SNI names clients sent (TLS listeners only). */
  servernames: string[];
  close(): Promise<void>;
}

async function listen(server: net.Server, servernames: string[] = []): Promise<Listener> {
  let connections = 0;
  server.on("connection", (socket: net.Socket) => {
    connections++;
    socket.on("error", () => {});
  });
  const { port, close } = await listenOnLoopback(server);
  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    servernames,
    close,
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An https server with the tests' certificate (testing/test-ca.ts); answers 200 "ok" unless `handler` says otherwise. */
export function startHttpsListener(handler: Handler = (_req, res) => res.end("ok")): Promise<Listener> {
  const servernames: string[] = [];
  const server = https.createServer(
    {
      ...testServerCredentials(),
      SNICallback: (servername, callback) => {
        servernames.push(servername);
        callback(null);
      },
    },
    handler,
  );
  server.on("tlsClientError", () => {});
  return listen(server, servernames);
}

/** A plain TCP server: `answer` (e.g. an HTTP response) is written at once, or nothing ever is. */
export function startTcpListener(answer?: string): Promise<Listener> {
  return listen(net.createServer((socket) => (answer ? socket.end(answer) : undefined)));
}

/** A port that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const listener = await listen(net.createServer());
  await listener.close();
  return listener.port;
}
