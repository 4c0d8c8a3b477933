import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import { OutboundResponseTooLargeError } from "./errors";
import { ConnectFailure, guardedCall, type GuardedCallOptions } from "./guarded-call";
import { pinnedLookup } from "./pinned-lookup";
import { secureContextFor } from "./tls-contexts";

export interface OutboundRequest extends GuardedCallOptions {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: OutgoingHttpHeaders;
  body?: string | Uint8Array;
  /** The answer is cut off, and OutboundResponseTooLargeError thrown, past this many bytes. */
  maxResponseBytes: number;
  /** Trust anchors (PEM), e.g. the channel's trust certificate; Node's roots plus OUTBOUND_EXTRA_CA_FILE when not given. */
  ca?: string | string[];
  /** The channel's identity certificate and key (PEM) for mutual TLS. */
  clientCert?: { cert: string; key: string };
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One HTTPS request through the guard (lib/outbound/guarded-call.ts), the certificate verified.
 * Redirects are answered, never followed (a 3xx is the caller's to judge: following one would go
 * to an address nobody checked). No connection is pooled or reused.
 */
export function request(options: OutboundRequest): Promise<OutboundResponse> {
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return guardedCall(options, {
    open: (target, deadlineAt) =>
      new Promise<OutboundResponse>((resolve, reject) => {
        const req = https.request({
          method: options.method,
          host: target.hostname,
          port: target.port,
          path: `${target.url.pathname}${target.url.search}`,
          headers: { ...options.headers, host: target.url.host, ...(body ? { "content-length": body.length } : {}) },
          servername: target.servername,
          lookup: pinnedLookup(target.addresses),
          agent: false,
          rejectUnauthorized: true,
          // The anchors and client certificate, as a context shared by calls with the same ones (tls-contexts.ts);
          // Node passes it on to tls.connect, its types do not list it.
          ...({ secureContext: secureContextFor({ ca: options.ca, clientCert: options.clientCert }) } as https.RequestOptions),
        });
        const timer = setTimeout(() => req.destroy(new ConnectFailure("timeout")), Math.max(0, deadlineAt - Date.now()));
        const fail = (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        };
        req.on("error", fail);
        req.on("response", (response) => {
          const declared = Number(response.headers["content-length"]);
          if (declared > options.maxResponseBytes) return req.destroy(new OutboundResponseTooLargeError(options.maxResponseBytes));
          const chunks: Buffer[] = [];
          let length = 0;
          response.on("data", (chunk: Buffer) => {
            length += chunk.length;
            if (length > options.maxResponseBytes) return req.destroy(new OutboundResponseTooLargeError(options.maxResponseBytes));
            chunks.push(chunk);
          });
          response.on("error", fail);
          response.on("end", () => {
            clearTimeout(timer);
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
          });
        });
        req.end(body);
      }),
  });
}
