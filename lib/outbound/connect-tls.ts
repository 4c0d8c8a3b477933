import tls from "node:tls";
import { ConnectFailure, guardedCall, type GuardedCallOptions } from "./guarded-call";
import { pinnedLookup } from "./pinned-lookup";
import { defaultTrustAnchors } from "./trust";

export interface ConnectTlsOptions extends GuardedCallOptions {
  /** `false` reads whatever certificate the server presents (fetch-from-URL); verified by default. */
  rejectUnauthorized?: boolean;
  /** Trust anchors (PEM); Node's roots plus OUTBOUND_EXTRA_CA_FILE when not given. */
  ca?: string | string[];
  /** A client certificate and key (PEM) for mutual TLS. */
  cert?: string;
  key?: string;
}

/**
 * A raw TLS connection to `https://host:port`, through the guard (lib/outbound/guarded-call.ts):
 * answers the socket once the handshake is done. The caller ends it; the tenant's slot is held
 * until it closes.
 */
export function connectTls(options: ConnectTlsOptions): Promise<tls.TLSSocket> {
  const verify = options.rejectUnauthorized ?? true;
  return guardedCall(options, {
    open: (target, deadlineAt) =>
      new Promise<tls.TLSSocket>((resolve, reject) => {
        const socket = tls.connect({
          host: target.hostname,
          port: target.port,
          servername: target.servername,
          lookup: pinnedLookup(target.addresses),
          rejectUnauthorized: verify,
          // Unverified, the trust store only completes the presented chain (Node appends the root it
          // knows): Node's own roots, so an operator's extra CA never changes what a fetch shows.
          ca: options.ca ?? (verify ? defaultTrustAnchors() : undefined),
          cert: options.cert,
          key: options.key,
        });
        const timer = setTimeout(() => fail(new ConnectFailure("timeout")), Math.max(0, deadlineAt - Date.now()));
        function fail(error: unknown) {
          clearTimeout(timer);
          socket.destroy();
          reject(error);
        }
        const closedEarly = () => fail(new ConnectFailure("closed before the TLS handshake"));
        socket.on("error", fail);
        socket.once("close", closedEarly);
        socket.once("secureConnect", () => {
          clearTimeout(timer);
          socket.removeListener("error", fail);
          socket.removeListener("close", closedEarly);
          // Errors after the handshake belong to the caller, who owns the socket now; never an uncaught one.
          socket.on("error", () => {});
          resolve(socket);
        });
      }),
    doneWith: (socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve()))),
  });
}
