import { OutboundLimitError, OutboundResponseTooLargeError } from "@/lib/outbound/errors";
import type { OutboundScope } from "@/lib/outbound/guarded-call";
import { request, type OutboundRequest, type OutboundResponse } from "@/lib/outbound/request";
import type { ProviderFailure } from "./result";

/** The TLS side of a channel: its trust certificate and, when set, its identity certificate (decrypted PEM). */
export interface ChannelTls {
  /** PEM of the CA(s) the provider's server must chain to; Node's roots (plus OUTBOUND_EXTRA_CA_FILE) when absent. */
  trustCaPem?: string;
  /** Presented for mutual TLS: the certificate chain (leaf first) and its private key, PEM. */
  clientCert?: { cert: string; key: string };
}

/** What every provider call needs besides the provider's own settings. */
export interface CallContext {
  /** The channel's tenant and its outbound policy (trustlist, limits). */
  scope: OutboundScope;
  /** Defaults to the connector's OUTBOUND_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * Provider answers are small JSON documents (a number's fields, a message id, an error); 64 KiB
 * leaves room for a verbose error body and stops a hostile or broken server from filling memory.
 */
export const PROVIDER_MAX_RESPONSE_BYTES = 64 * 1024;

export type Sent = { ok: true; response: OutboundResponse } | { ok: false; failure: ProviderFailure };

/**
 * One request through the guarded connector with the channel's certificates. Every way of not
 * getting an answer is `connect` (the connector already made them one); the tenant's own outbound
 * limit is thrown as it is, for the guard to answer 429, as the Telegram client does.
 */
export async function send(
  call: Pick<OutboundRequest, "method" | "url" | "headers" | "body">,
  tls: ChannelTls,
  context: CallContext,
): Promise<Sent> {
  try {
    const response = await request({
      ...call,
      headers: { accept: "application/json", ...call.headers },
      scope: context.scope,
      timeoutMs: context.timeoutMs,
      maxResponseBytes: PROVIDER_MAX_RESPONSE_BYTES,
      ...(tls.trustCaPem ? { ca: tls.trustCaPem } : {}),
      ...(tls.clientCert ? { clientCert: tls.clientCert } : {}),
    });
    return { ok: true, response };
  } catch (error) {
    if (error instanceof OutboundLimitError) throw error;
    if (error instanceof OutboundResponseTooLargeError) {
      return { ok: false, failure: { kind: "provider-error", retryable: false, status: 0, message: "the provider's answer was too large" } };
    }
    // Nothing of the cause is kept: it may hold a URL, and it is one "could not connect" anyway.
    return { ok: false, failure: { kind: "connect", retryable: true } };
  }
}

/** The body as JSON, or undefined when it is not JSON. */
export function jsonOf(response: OutboundResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    return undefined;
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
}

/** A base URL without its trailing slashes, so `${base}/path` never doubles one. */
export function trimBase(base: string): string {
  return base.replace(/\/+$/, "");
}
