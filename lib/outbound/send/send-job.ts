import type { Db } from "@/db/client";
import {
  claimOutboundMessage,
  markOutboundAccepted,
  markOutboundFailed,
  requeueOutboundMessage,
  type SendJobPayload,
} from "@/db/queries/outbound-messages";
import { metrics } from "@/lib/metrics/registry";
import { OutboundLimitError } from "@/lib/outbound/errors";
import { outboundScope } from "@/lib/outbound/scope";
import { channelSender, IDEMPOTENT_VARIANTS, type SenderProblem } from "./channel-sender";
import { decideAfterFailure, SEND_ERROR_CODES } from "./policy";
import { rateGroupOf, type ChannelRateLimiter } from "./rate-limits";

/*
 * One attempt of one outbound message: wait for the channel's rate limit, take the message
 * (queued → sending), call the provider once, then record accepted, failed, or queued again with
 * a new job at the time the provider asked for. The message row is the truth; the job only says
 * when to look at it, so a repeated or stale job finds nothing queued and ends.
 */

export interface SendJobDeps {
  db: Db;
  limiter: ChannelRateLimiter;
  maxAttempts?: number;
  timeoutMs?: number;
  now?: () => number;
  /** The channel as a sender; the worker keeps each for a few seconds (sender-cache.ts). */
  senders?: typeof channelSender;
}

const PROBLEM_MESSAGES: Record<SenderProblem, string> = {
  "not-found": "the channel no longer exists",
  disabled: "the channel is disabled",
  "missing-secret": "the channel lacks a setting or secret needed to send",
};

export type SendOutcome = "accepted" | "failed" | "retrying" | "skipped";

/** One attempt, counted by provider and outcome (an exception, retried by the queue, as "error"). */
export async function runSendJob(payload: SendJobPayload, deps: SendJobDeps): Promise<SendOutcome> {
  let provider = "unknown";
  try {
    const outcome = await attemptSend(payload, deps, (variant) => (provider = variant));
    metrics().outboundSends.inc({ provider, outcome });
    return outcome;
  } catch (error) {
    metrics().outboundSends.inc({ provider, outcome: "error" });
    throw error;
  }
}

async function attemptSend(payload: SendJobPayload, deps: SendJobDeps, onProvider: (variant: string) => void): Promise<SendOutcome> {
  const { db } = deps;
  const scope = { tenantId: payload.tenantId };
  const sender = await (deps.senders ?? channelSender)(db, scope.tenantId, payload.channelId);
  if (sender.ok) onProvider(sender.variant);
  // Waiting for the limit comes before the claim: a message in "sending" is always one in the provider's hands.
  if (sender.ok) await deps.limiter.acquire(rateGroupOf(sender.variant), payload.channelId);

  const message = await claimOutboundMessage(db, scope, payload.messageId);
  if (!message) return "skipped";
  if (!sender.ok) {
    await markOutboundFailed(db, scope, message.id, { code: SEND_ERROR_CODES.channelUnusable, message: PROBLEM_MESSAGES[sender.problem] });
    return "failed";
  }

  let result;
  try {
    result = await sender.send(message, { scope: outboundScope(db, scope.tenantId), timeoutMs: deps.timeoutMs });
  } catch (error) {
    // The tenant's own outbound budget (lib/outbound/limits.ts): nothing left this process; wait as told.
    if (!(error instanceof OutboundLimitError)) throw error;
    result = { ok: false as const, failure: { kind: "rate-limited" as const, retryable: true as const, status: 0, retryAfterSeconds: error.retryAfterSeconds, code: "tenant-outbound-limit" } };
  }

  if (result.ok) {
    await markOutboundAccepted(db, scope, message.id, result.value.messageId);
    return "accepted";
  }
  const decision = decideAfterFailure(result.failure, { attempt: message.attempts, maxAttempts: deps.maxAttempts, idempotent: IDEMPOTENT_VARIANTS.has(sender.variant) });
  if (decision.action === "fail") {
    await markOutboundFailed(db, scope, message.id, { code: decision.code, message: decision.message });
    return "failed";
  }
  const runAt = new Date((deps.now ?? Date.now)() + decision.delayMs);
  await db.transaction((tx) => requeueOutboundMessage(tx, scope, message.id, runAt, { code: decision.code, message: decision.message }));
  return "retrying";
}
