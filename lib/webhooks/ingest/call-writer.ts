import type pg from "pg";
import { pruneWebhookAttempts, writeWebhookBatch, type AttemptRow, type WebhookWrite, type WriteResult } from "@/db/queries/webhook-ingest";
import type { WebhookEndpoint } from "@/db/schema/webhooks";
import { isDatabaseUnavailable } from "@/lib/errors";
import { moduleLog } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";
import type { WebhookReason } from "../reasons";
import { foldStatusTransitions } from "../status-order";
import { createGroupCommit } from "./group-commit";
import { createRejectionLimiter } from "./rejection-limiter";
import type { WebhookChannel } from "./webhook-channel";

/*
 * The write step: every call's rows go through one group commit (group-commit.ts) into
 * db/queries/webhook-ingest, with the status order as the rule for delivery states. Rejected calls
 * are logged at most once per window per channel, URL and reason; the attempt log is pruned every
 * `pruneEvery` logged calls of a channel; a URL's live status is written about once a second.
 */

export interface CallWriterOptions {
  maxBatch: number;
  /**
   * Batches in flight at once per process. One: calls arriving meanwhile form the next, larger
   * batch, and fewer statements and commits cost less CPU than a second statement running beside
   * the first (interleaved runs on 2 cores: 5 of 6 pairs faster, by ~8 %; bench/README.md).
   */
  maxConcurrentWrites: number;
  rejectionWindowMs: number;
  /** The newest attempts kept per channel; pruning runs every `pruneEvery` logged attempts of a channel. */
  attemptsKept: number;
  pruneEvery: number;
  /** An accepted call updates its URL's live status at most this often per process. */
  statusEveryMs: number;
}

export interface CallWriter {
  /** Resolves once the transaction holding the call's rows has committed. */
  submit(write: WebhookWrite): Promise<WriteResult>;
  /** Logs a refused call (rate-limited per channel, URL and reason) without waiting for it. */
  reject(channel: WebhookChannel, endpoint: WebhookEndpoint, method: string, statusCode: number, reason: WebhookReason, started: number): void;
  /** Whether an accepted call should also update its URL's live status row. */
  dueForStatusUpdate(channelId: string, endpoint: WebhookEndpoint): boolean;
}

export function createCallWriter(deps: { pool: pg.Pool; now: () => Date }, options: CallWriterOptions): CallWriter {
  const log = moduleLog("webhooks");
  const batchSize = metrics().webhookBatchSize;
  const writer = createGroupCommit<WebhookWrite, WriteResult>((writes) => {
    batchSize.observe(writes.length);
    return writeWebhookBatch(deps.pool, writes, foldStatusTransitions);
  }, {
    maxBatch: options.maxBatch,
    maxConcurrent: options.maxConcurrentWrites,
  });
  const rejections = createRejectionLimiter({ windowMs: options.rejectionWindowMs, maxKeys: 10_000 });
  const loggedSincePrune = new Map<string, number>();
  const statusTouchedAt = new Map<string, number>();

  /** "Receiving, last call at …" needs about a second's precision, not a row lock per batch. */
  function dueForStatusUpdate(channelId: string, endpoint: WebhookEndpoint): boolean {
    const key = `${channelId}:${endpoint}`;
    const at = Date.now();
    const last = statusTouchedAt.get(key);
    if (last !== undefined && at - last < options.statusEveryMs) return false;
    statusTouchedAt.delete(key);
    statusTouchedAt.set(key, at);
    if (statusTouchedAt.size > 10_000) statusTouchedAt.delete(statusTouchedAt.keys().next().value!);
    return true;
  }

  function reject(channel: WebhookChannel, endpoint: WebhookEndpoint, method: string, statusCode: number, reason: WebhookReason, started: number) {
    const decision = rejections.admit(`${channel.id}:${endpoint}:${reason}`, Date.now());
    if (!decision.log) return;
    // The same limit as the channel's own log: a flood of bad calls is one line per window, with the count it stands for.
    log.warn(
      { tenantId: channel.tenantId, channelId: channel.id, provider: channel.variant, endpoint, method, status: statusCode, reason, suppressed: decision.suppressed, durationMs: Math.round(performance.now() - started) },
      "webhook call refused",
    );
    // This rejection becomes the URL's latest news: the next accepted call must be written, not throttled.
    statusTouchedAt.delete(`${channel.id}:${endpoint}`);
    const attempt: AttemptRow = {
      outcome: "rejected",
      statusCode,
      reason,
      ignored: 0,
      suppressed: decision.suppressed,
      durationMs: performance.now() - started,
      at: deps.now(),
    };
    submit({ tenantId: channel.tenantId, channelId: channel.id, endpoint, method, expectedVersion: null, events: [], attempt, touchesEndpointStatus: true }).catch((error) => {
      if (!isDatabaseUnavailable(error)) log.error({ err: error, tenantId: channel.tenantId, channelId: channel.id }, "could not log a refused call");
    });
  }

  async function submit(write: WebhookWrite): Promise<WriteResult> {
    const result = await writer.submit(write);
    if (write.attempt) schedulePrune(write.channelId);
    return result;
  }

  function schedulePrune(channelId: string) {
    const count = (loggedSincePrune.get(channelId) ?? 0) + 1;
    if (count < options.pruneEvery) return void loggedSincePrune.set(channelId, count);
    loggedSincePrune.delete(channelId);
    pruneWebhookAttempts(deps.pool, channelId, options.attemptsKept).catch((error) => {
      if (!isDatabaseUnavailable(error)) log.error({ err: error, channelId }, "could not prune the attempt log");
    });
  }

  return { submit, reject, dueForStatusUpdate };
}
