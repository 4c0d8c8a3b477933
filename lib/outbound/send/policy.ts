import type { ProviderFailure } from "@/lib/outbound/providers/result";

/*
 * What happens after one send attempt, decided from the provider client's typed failure alone
 * (pure, so every branch is unit-tested): retry later, or fail for good with the provider's code.
 */

/** Attempts in all, the first included; past it a retryable failure fails with its code. */
export const DEFAULT_MAX_SEND_ATTEMPTS = 8;
/** Backoff without a Retry-After: 2 s, 4 s, 8 s … doubling, capped at 5 minutes. */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** Codes the console writes itself (the provider's own code is stored when it gave one). */
export const SEND_ERROR_CODES = {
  /** No answer (connect, TLS, timeout): the request may have reached the provider. */
  outcomeUnknown: "outcome-unknown",
  /** The worker died mid-send and the provider has no idempotency key: never resent blindly. */
  interrupted: "interrupted",
  /** The channel cannot send (deleted, disabled, missing secret or certificate). */
  channelUnusable: "channel-unusable",
  /** The provider said no without a code of its own. */
  providerRefused: "provider-refused",
} as const;

export type SendDecision =
  | { action: "retry"; delayMs: number; code: string; message?: string }
  | { action: "fail"; code: string; message?: string; kind: ProviderFailure["kind"] };

export interface DecideOptions {
  /** The attempt that just failed, 1-based. */
  attempt: number;
  maxAttempts?: number;
  /**
   * The provider takes our message id as an idempotency key (Infobip's `messageId`): a request that
   * may have arrived can be repeated safely. Without one, an attempt with no answer is not repeated.
   */
  idempotent: boolean;
  /** 0..1, for jitter; injected so tests are exact. */
  random?: () => number;
}

export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  // Up to 20 % later, so sends that failed together do not all come back in the same instant.
  return Math.round(exponential * (1 + 0.2 * random()));
}

const codeOf = (failure: ProviderFailure): string => ("code" in failure && failure.code) || ("status" in failure && failure.status ? `HTTP ${failure.status}` : SEND_ERROR_CODES.providerRefused);

export function decideAfterFailure(failure: ProviderFailure, options: DecideOptions): SendDecision {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_SEND_ATTEMPTS;
  if (failure.kind === "connect") {
    // The connector answers every "no answer" alike (lib/outbound/errors.ts), a timeout after the
    // provider took the request included: only an idempotent send may go again.
    if (!options.idempotent || options.attempt >= maxAttempts) return { action: "fail", code: SEND_ERROR_CODES.outcomeUnknown, kind: failure.kind };
    return { action: "retry", delayMs: backoffMs(options.attempt, options.random), code: SEND_ERROR_CODES.outcomeUnknown };
  }
  const code = codeOf(failure);
  const message = "message" in failure ? failure.message : undefined;
  if (!failure.retryable || options.attempt >= maxAttempts) return { action: "fail", code, message, kind: failure.kind };
  const told = "retryAfterSeconds" in failure ? (failure.retryAfterSeconds ?? null) : null;
  const delayMs = told !== null ? told * 1000 : backoffMs(options.attempt, options.random);
  return { action: "retry", delayMs, code, message };
}
