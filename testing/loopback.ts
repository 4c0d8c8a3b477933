import type net from "node:net";
import type { AddressInfo } from "node:net";

export interface LoopbackServer {
  port: number;
  /** `http://127.0.0.1:<port>`; TLS servers build their own https origin from `port`. */
  origin: string;
  /** Closes the server and every connection still open on it, idle keep-alive ones included. */
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1 (tests never listen beyond loopback). */
export async function listenOnLoopback(server: net.Server): Promise<LoopbackServer> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
