import { AppError } from "@/lib/errors";

/**
 * The one answer for every address the console would not or could not reach: refused by policy
 * (a private address off the trustlist), DNS failure, connection refused, not TLS, TLS not trusted,
 * timeout. Same class, same message for the same host, nothing else on it, and thrown at the call's
 * deadline whatever the cause, so neither the text nor the time it took tells a port scanner which
 * it was. The cause is logged server-side only (lib/outbound/guarded-call.ts).
 */
export class OutboundConnectError extends Error {
  constructor(host: string) {
    super(`could not connect to ${host}`);
    this.name = "OutboundConnectError";
  }
}

/**
 * Too many outbound calls for this tenant, in the last minute or at once. A distinct, honest answer
 * (429 through the guard): the tenant did reach the limit, and waiting helps.
 */
export class OutboundLimitError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rateLimited", "outboundTooManyCalls", undefined, { seconds: retryAfterSeconds });
    this.name = "OutboundLimitError";
    this.message = `too many outbound calls for this tenant; try again in ${retryAfterSeconds} s`;
  }
}

/** The answer was longer than the caller allows; the connection was cut there. */
export class OutboundResponseTooLargeError extends Error {
  constructor(readonly maxResponseBytes: number) {
    super(`the answer is larger than ${maxResponseBytes} bytes`);
    this.name = "OutboundResponseTooLargeError";
  }
}
