import { createHash } from "node:crypto";
import type pg from "pg";
import type { Db } from "@/db/client";
import { findChannelByWebhookKey } from "@/db/queries/webhook-channels";
import { pruneWebhookAttempts, writeWebhookBatch, type AttemptRow, type EventRow, type WebhookWrite, type WriteResult } from "@/db/queries/webhook-ingest";
import type { WebhookEndpoint } from "@/db/schema/webhooks";
import { WEBHOOK_KEY_PATTERN } from "@/lib/channels/integration";
import type { Keyring } from "@/lib/crypto/secrets";
import { isDatabaseUnavailable } from "@/lib/errors";
import type { ProviderError, WebhookEvent } from "../payloads/common";
import type { WebhookReason } from "../reasons";
import { verifyMetaHandshake } from "../verify/meta-handshake";
import { publicRequestUrl } from "../verify/twilio-signature";
import { authenticate, authFailureStatus } from "./authenticate";
import { BODY_CAP_BYTES } from "./body";
import { createChannelCache, type CachedChannel } from "./channel-cache";
import { createGroupCommit } from "./group-commit";
import { parseDelivery } from "./parse-delivery";
import { createRejectionLimiter } from "./rejection-limiter";
import { jsonWithoutNul, optionalWithoutNul, withoutNul } from "./sanitize";
import { ENDPOINTS_BY_SEGMENT, servesSegment, toWebhookChannel, type WebhookChannel, type WebhookSegment } from "./webhook-channel";
import { handshakeAnswer, webhookError, webhookStored } from "./responses";
import type { IngestRequest, WebhookReply } from "./transport";

/*
 * A provider's call, end to end: key → channel (cached) → capped raw body → authentication on the
 * raw bytes → zod → one group-committed transaction → 2xx. A 2xx is only ever sent after the
 * transaction holding the call's rows has committed; a database that cannot be reached gives 503
 * so the provider retries. Every call that names a known channel is logged on that channel.
 */

export interface IngestorDeps {
  db: Db;
  pool: pg.Pool;
  keyring: Keyring;
  publicBaseUrl: string;
  now?: () => Date;
}

export interface IngestorOptions {
  channelTtlMs: number;
  /** A failed authentication reads its channel again (a replaced secret), at most once per this many ms per key. */
  recheckAfterMs: number;
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

export const DEFAULT_INGESTOR_OPTIONS: IngestorOptions = {
  channelTtlMs: 10_000,
  recheckAfterMs: 1_000,
  maxBatch: 256,
  maxConcurrentWrites: 1,
  rejectionWindowMs: 10_000,
  attemptsKept: 1_000,
  pruneEvery: 250,
  statusEveryMs: 1_000,
};

export interface WebhookTarget {
  segment: WebhookSegment;
  channelKey: string;
  /** The last path segment (message / report / status); absent for one-URL providers. */
  endpoint?: string;
}

export interface Ingestor {
  post(request: IngestRequest, target: WebhookTarget): Promise<WebhookReply>;
  /** cloud-api: Meta's GET verification request. */
  handshake(request: IngestRequest, target: WebhookTarget): Promise<WebhookReply>;
}

type Resolved = { ok: true; channel: WebhookChannel; endpoint: WebhookEndpoint } | { ok: false; response: WebhookReply };

export function createIngestor(deps: IngestorDeps, options: IngestorOptions = DEFAULT_INGESTOR_OPTIONS): Ingestor {
  const now = deps.now ?? (() => new Date());
  const cache = createChannelCache<WebhookChannel>({
    load: async (key) => {
      const row = await findChannelByWebhookKey(deps.db, key);
      return row ? toWebhookChannel(row, deps.keyring) : null;
    },
    ttlMs: options.channelTtlMs,
    maxEntries: 10_000,
  });
  const writer = createGroupCommit<WebhookWrite, WriteResult>((writes) => writeWebhookBatch(deps.pool, writes), {
    maxBatch: options.maxBatch,
    maxConcurrent: options.maxConcurrentWrites,
  });
  const rejections = createRejectionLimiter({ windowMs: options.rejectionWindowMs, maxKeys: 10_000 });
  const unknownKeys = createRejectionLimiter({ windowMs: 60_000, maxKeys: 1 });
  const loggedSincePrune = new Map<string, number>();
  // A failed authentication re-reads its channel (a replaced secret) at most once per recheckAfterMs per key.
  const failureRechecks = createRejectionLimiter({ windowMs: options.recheckAfterMs, maxKeys: 10_000 });
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

  function endpointOf(segment: WebhookSegment, endpoint: string | undefined): WebhookEndpoint | null {
    const served = ENDPOINTS_BY_SEGMENT[segment] as readonly WebhookEndpoint[];
    if (endpoint === undefined) return served.length === 1 ? served[0]! : null;
    return served.length > 1 && served.includes(endpoint as WebhookEndpoint) ? (endpoint as WebhookEndpoint) : null;
  }

  async function resolve(target: WebhookTarget, method: string, started: number, fresh = false): Promise<Resolved> {
    const endpoint = endpointOf(target.segment, target.endpoint);
    if (!endpoint || !WEBHOOK_KEY_PATTERN.test(target.channelKey)) return { ok: false, response: unknownKey(target) };
    let entry: CachedChannel<WebhookChannel>;
    try {
      entry = fresh ? await cache.reload(target.channelKey) : await cache.get(target.channelKey);
    } catch (error) {
      return { ok: false, response: unavailable(error) };
    }
    const channel = entry.value;
    if (!channel || !servesSegment(channel, target.segment)) return { ok: false, response: unknownKey(target) };
    if (!channel.enabled) {
      // Never refuse on a cached "disabled": the channel may have been enabled since (one indexed read, as for an unknown key).
      if (!fresh) return resolve(target, method, started, true);
      reject(channel, endpoint, method, 404, "channelDisabled", started);
      return { ok: false, response: webhookError(404, "channelDisabled") };
    }
    return { ok: true, channel, endpoint };
  }

  function unknownKey(target: WebhookTarget): WebhookReply {
    const decision = unknownKeys.admit("unknown", Date.now());
    if (decision.log) {
      // No channel to log on: the process log says it happens, without the key (a flood of random keys).
      console.warn(`[webhooks] call to an unknown channel key on /api/webhooks/${target.segment}${decision.suppressed ? ` (+${decision.suppressed} more in the last minute)` : ""}`);
    }
    return webhookError(404, "unknownChannelKey");
  }

  function unavailable(error: unknown): WebhookReply {
    if (!isDatabaseUnavailable(error)) throw error;
    return webhookError(503, "databaseUnavailable");
  }

  /** Logs a refused call (rate-limited per channel, URL and reason) without waiting for it. */
  function reject(channel: WebhookChannel, endpoint: WebhookEndpoint, method: string, statusCode: number, reason: WebhookReason, started: number) {
    const decision = rejections.admit(`${channel.id}:${endpoint}:${reason}`, Date.now());
    if (!decision.log) return;
    // This rejection becomes the URL's latest news: the next accepted call must be written, not throttled.
    statusTouchedAt.delete(`${channel.id}:${endpoint}`);
    const attempt: AttemptRow = {
      outcome: "rejected",
      statusCode,
      reason,
      ignored: 0,
      suppressed: decision.suppressed,
      durationMs: performance.now() - started,
      at: now(),
    };
    submit({ tenantId: channel.tenantId, channelId: channel.id, endpoint, method, expectedVersion: null, events: [], attempt, touchesEndpointStatus: true }).catch((error) => {
      if (!isDatabaseUnavailable(error)) console.error(`[webhooks] could not log a rejected call: ${(error as Error).message}`);
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
      if (!isDatabaseUnavailable(error)) console.error(`[webhooks] could not prune the attempt log: ${(error as Error).message}`);
    });
  }

  async function post(request: IngestRequest, target: WebhookTarget): Promise<WebhookReply> {
    const started = performance.now();
    const receivedAt = now();
    let resolved = await resolve(target, "POST", started);
    if (!resolved.ok) return resolved.response;

    const cap = target.segment === "whatsapp-cloud" ? BODY_CAP_BYTES["cloud-api"] : BODY_CAP_BYTES.default;
    const body = await request.readBody(cap);
    if (!body.ok) {
      reject(resolved.channel, resolved.endpoint, "POST", 413, "bodyTooLarge", started);
      return webhookError(413, "bodyTooLarge", { message: `The body is over ${cap / 1024 / 1024} MiB` });
    }
    const bodyText = UTF8.decode(body.bytes);
    const authRequest = {
      headers: request.headers,
      rawBody: body.bytes,
      bodyText,
      // Only Twilio signs the URL; the others need not pay for building it.
      get publicUrl() {
        return publicRequestUrl(deps.publicBaseUrl, request.url);
      },
    };

    for (let round = 0; ; round++) {
      const { channel, endpoint } = resolved;
      let auth;
      try {
        auth = await authenticate(deps.db, channel, authRequest, receivedAt);
      } catch (error) {
        return unavailable(error);
      }
      if (!auth.ok) {
        if (round === 0 && failureRechecks.admit(target.channelKey, Date.now()).log) {
          resolved = await resolve(target, "POST", started, true);
          if (!resolved.ok) return resolved.response;
          continue;
        }
        const status = authFailureStatus(auth.reason);
        reject(channel, endpoint, "POST", status, auth.reason, started);
        return webhookError(status, auth.reason, {}, challengeFor(channel, status));
      }

      const parsed = parseDelivery(target.segment, endpoint, bodyText, receivedAt);
      if (!parsed.ok) {
        reject(channel, endpoint, "POST", 400, "payloadInvalid", started);
        return webhookError(400, "payloadInvalid", parsed.problem);
      }
      const mine = parsed.payload.events.filter((event) => belongsTo(channel, event));
      const errors = parsed.payload.errors.filter((error) => belongsTo(channel, error));
      const attempt: AttemptRow = {
        outcome: "accepted",
        statusCode: 200,
        reason: null,
        ignored: parsed.payload.events.length + parsed.payload.errors.length - mine.length - errors.length,
        suppressed: 0,
        durationMs: performance.now() - started,
        at: receivedAt,
      };
      let result: WriteResult;
      try {
        result = await submit({
          tenantId: channel.tenantId,
          channelId: channel.id,
          endpoint,
          method: "POST",
          expectedVersion: channel.version,
          events: [...mine.map(toEventRow), ...errors.map((error) => toErrorRow(error, receivedAt))],
          attempt,
          touchesEndpointStatus: dueForStatusUpdate(channel.id, endpoint),
        });
      } catch (error) {
        return unavailable(error);
      }
      if (result.kind === "stored") return webhookStored(target.segment, result);
      // The channel changed (disabled, secrets replaced, deleted) since it was cached: decide again on fresh facts.
      if (round > 0) return webhookError(503, "databaseUnavailable");
      resolved = await resolve(target, "POST", started, true);
      if (!resolved.ok) return resolved.response;
    }
  }

  async function handshake(request: IngestRequest, target: WebhookTarget): Promise<WebhookReply> {
    const started = performance.now();
    const resolved = await resolve(target, "GET", started);
    if (!resolved.ok) return resolved.response;
    const { channel, endpoint } = resolved;
    const result = verifyMetaHandshake(queryOf(request.url), channel.verifyToken);
    if (!result.ok) {
      const status = result.reason === "handshakeModeInvalid" || result.reason === "challengeInvalid" ? 400 : authFailureStatus(result.reason);
      reject(channel, endpoint, "GET", status, result.reason, started);
      return webhookError(status, result.reason);
    }
    const attempt: AttemptRow = {
      outcome: "verified",
      statusCode: 200,
      reason: null,
      ignored: 0,
      suppressed: 0,
      durationMs: performance.now() - started,
      at: now(),
    };
    try {
      await submit({ tenantId: channel.tenantId, channelId: channel.id, endpoint, method: "GET", expectedVersion: null, events: [], attempt, touchesEndpointStatus: true });
    } catch (error) {
      // Meta only needs the challenge back; not recording the moment must not fail its verification.
      console.error(`[webhooks] could not record Meta's verification: ${(error as Error).message}`);
    }
    return handshakeAnswer(result.challenge);
  }

  return { post, handshake };
}

const UTF8 = new TextDecoder();

/** The query of an absolute URL or of a path as node:http hands it over. */
function queryOf(url: string): URLSearchParams {
  const start = url.indexOf("?");
  if (start < 0) return new URLSearchParams();
  const end = url.indexOf("#", start);
  return new URLSearchParams(url.slice(start + 1, end < 0 ? undefined : end));
}

/** Meta sends one app's events for all its numbers to one URL: events for another phone number id are not this channel's. */
function belongsTo(channel: WebhookChannel, event: { account?: string }): boolean {
  return channel.variant !== "cloud-api" || !channel.phoneNumberId || !event.account || event.account === channel.phoneNumberId;
}

function challengeFor(channel: WebhookChannel, status: number): Record<string, string> {
  if (status !== 401) return {};
  if (channel.variant === "other-oAuth") return { "www-authenticate": 'Bearer realm="webhooks"' };
  if (channel.variant === "infobip" || channel.variant === "other-basic") return { "www-authenticate": 'Basic realm="webhooks"' };
  return {};
}

/**
 * A provider error has no id and no time: its key is a digest of its content, so a retry of the same
 * webhook stores it once (the same error reported again later is kept once too, with its first time).
 */
function toErrorRow(error: ProviderError, receivedAt: Date): EventRow {
  const rawJson = jsonWithoutNul(error.raw);
  const digest = createHash("sha256").update(`${error.account ?? ""}\n${rawJson}`).digest("base64url");
  return {
    kind: "error",
    idempotencyKey: `error:${digest}`,
    providerMessageId: "",
    type: "error",
    providerType: withoutNul(error.code ?? "error"),
    status: null,
    fromAddress: null,
    toAddress: null,
    senderName: null,
    text: optionalWithoutNul(error.details ?? error.message ?? error.title),
    errorCode: optionalWithoutNul(error.code),
    errorReason: optionalWithoutNul(error.message ?? error.title),
    occurredAt: receivedAt,
    rawJson,
  };
}

function toEventRow(event: WebhookEvent): EventRow {
  return {
    kind: event.kind,
    idempotencyKey: withoutNul(event.idempotencyKey),
    providerMessageId: withoutNul(event.providerMessageId),
    type: event.type,
    providerType: withoutNul(event.providerType),
    status: event.kind === "status" ? event.status : null,
    fromAddress: optionalWithoutNul(event.from),
    toAddress: optionalWithoutNul(event.to),
    senderName: event.kind === "message" ? optionalWithoutNul(event.senderName) : null,
    text: event.kind === "message" ? optionalWithoutNul(event.text) : null,
    errorCode: optionalWithoutNul(event.errorCode),
    errorReason: optionalWithoutNul(event.errorReason),
    occurredAt: event.occurredAt,
    rawJson: jsonWithoutNul(event.raw),
  };
}

