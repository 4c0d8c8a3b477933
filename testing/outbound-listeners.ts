// Listeners on 127.0.0.1 for the outbound-connector tests: each counts the TCP connections it
// accepted, so a test can show that a refused call never reached it.
import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
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
  const sockets = new Set<net.Socket>();
  let connections = 0;
  server.on("connection", (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    servernames,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
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
