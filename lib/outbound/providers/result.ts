/*
 * What every provider client answers: a value, or one typed failure. Callers (check connection,
 * the send queue) decide on `kind` and `retryable`; `message` is the provider's own words with the
 * channel's secrets removed, safe to show and to store.
 */

export type ProviderFailure =
  /** Not reached: address refused by the trustlist, DNS, TCP, TLS (server chain or our client certificate), timeout. */
  | { kind: "connect"; retryable: true }
  /** The provider refused the credentials (or their permissions). */
  | { kind: "unauthorized"; retryable: false; status: number; code?: string; message?: string }
  /** The credentials work, but the number / sender / account is not theirs or does not exist. */
  | { kind: "not-found"; retryable: false; status: number; code?: string; message?: string }
  /** Too many requests: wait `retryAfterSeconds` (null when the provider did not say) and retry. */
  | { kind: "rate-limited"; retryable: true; status: number; retryAfterSeconds: number | null; code?: string; message?: string }
  /** Meta 131047: more than 24 hours since the customer last wrote; only a template can be sent. */
  | { kind: "outside-window"; retryable: false; status: number; code: string; message?: string }
  /** Anything else the provider said (5xx retryable, 4xx permanent), or an answer we could not read. */
  | { kind: "provider-error"; retryable: boolean; status: number; code?: string; message?: string; retryAfterSeconds?: number | null };

export type FailureKind = ProviderFailure["kind"];

export type ProviderResult<T> = { ok: true; value: T } | { ok: false; failure: ProviderFailure };

export const succeeded = <T>(value: T): ProviderResult<T> => ({ ok: true, value });
export const failed = <T>(failure: ProviderFailure): ProviderResult<T> => ({ ok: false, failure });

/** What a provider's message may be at most when we keep it (provider texts are short; a page is not one). */
const MAX_MESSAGE_LENGTH = 500;

/**
 * A provider's text without the channel's secrets. Providers have no reason to echo a token, but
 * their text is shown to people and stored, so every secret (and its basic-auth encoding) is cut.
 */
export function redact(text: string | undefined, secrets: readonly (string | undefined)[]): string | undefined {
  if (text === undefined) return undefined;
  let safe = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    safe = safe.split(secret).join("<redacted>");
  }
  return safe.slice(0, MAX_MESSAGE_LENGTH);
}

/** Retry-After longer than a day is not a back-off, it is an outage; it is capped so a queue never parks a job forever. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * `Retry-After` (RFC 9110 §10.2.3) as whole seconds from `now`: delay-seconds or an HTTP-date.
 * Null when absent or unreadable; never negative; capped at a day.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null;
    seconds = Math.ceil((at - now) / 1000);
  }
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

interface Said {
  status: number;
  code?: string;
  message?: string;
}

/**
 * The default reading of an HTTP status when the provider's code says nothing more specific:
 * 401/403 credentials, 404 not found, 429 rate-limited, 5xx retryable, other 4xx permanent.
 */
export function classifyStatus(said: Said, retryAfterSeconds: number | null): ProviderFailure {
  const { status } = said;
  if (status === 401 || status === 403) return { kind: "unauthorized", retryable: false, ...said };
  if (status === 404) return { kind: "not-found", retryable: false, ...said };
  if (status === 429) return { kind: "rate-limited", retryable: true, retryAfterSeconds, ...said };
  // A 503 may name its Retry-After too; the send queue waits that long rather than its own backoff.
  if (status >= 500) return { kind: "provider-error", retryable: true, ...said, ...(retryAfterSeconds !== null ? { retryAfterSeconds } : {}) };
  return { kind: "provider-error", retryable: false, ...said };
}

/** An answer that is not the provider's documented shape: permanent (retrying will not change its shape). */
export function malformed(status: number): ProviderFailure {
  return { kind: "provider-error", retryable: false, status, message: "the provider's answer could not be read" };
}
