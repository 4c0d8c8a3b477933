import type pg from "pg";
import type { Db } from "@/db/client";
import type { Keyring } from "@/lib/crypto/secrets";
import { DEFAULT_AUTO_REPLY_MAX_AGE_MS } from "./auto-reply";
import { createCallWriter, type CallWriterOptions } from "./call-writer";
import { createChannelIdentifier, type ChannelIdentifierOptions, type WebhookTarget } from "./channel-identifier";
import type { IngestContext } from "./context";
import { answerHandshake } from "./handshake";
import { postDelivery } from "./post-delivery";
import type { IngestRequest, WebhookReply } from "./transport";

export type { WebhookTarget } from "./channel-identifier";

/*
 * A provider's call, end to end, one file per step:
 *   channel-identifier.ts  key → channel (cached), 404 for an unknown key or a disabled channel
 *   body.ts                the raw body, capped (413)
 *   authenticate.ts        the provider's check on the raw bytes (401 / 403)
 *   parse-delivery.ts      zod and the normaliser (400), delivery-rows.ts the rows to store
 *   auto-reply.ts          the non-working-time notification a customer message gets (issue 16)
 *   call-writer.ts         one group-committed transaction per batch of calls; the attempt log
 *   responses.ts           what the provider gets back
 * post-delivery.ts runs them for a POST, handshake.ts for Meta's GET. A 2xx is only ever sent
 * after the transaction holding the call's rows has committed; a database that cannot be reached
 * gives 503 so the provider retries. Every call that names a known channel is logged on that channel.
 */

export interface IngestorDeps {
  db: Db;
  pool: pg.Pool;
  keyring: Keyring;
  publicBaseUrl: string;
  now?: () => Date;
}

export type IngestorOptions = CallWriterOptions & ChannelIdentifierOptions & { autoReplyMaxAgeMs: number };

export const DEFAULT_INGESTOR_OPTIONS: IngestorOptions = {
  channelTtlMs: 10_000,
  recheckAfterMs: 1_000,
  maxBatch: 256,
  maxConcurrentWrites: 1,
  rejectionWindowMs: 10_000,
  attemptsKept: 1_000,
  pruneEvery: 250,
  statusEveryMs: 1_000,
  autoReplyMaxAgeMs: DEFAULT_AUTO_REPLY_MAX_AGE_MS,
};

export interface Ingestor {
  post(request: IngestRequest, target: WebhookTarget): Promise<WebhookReply>;
  /** cloud-api: Meta's GET verification request. */
  handshake(request: IngestRequest, target: WebhookTarget): Promise<WebhookReply>;
}

export function createIngestor(deps: IngestorDeps, options: IngestorOptions = DEFAULT_INGESTOR_OPTIONS): Ingestor {
  const now = deps.now ?? (() => new Date());
  const calls = createCallWriter({ pool: deps.pool, now }, options);
  const channels = createChannelIdentifier({ db: deps.db, keyring: deps.keyring, calls }, options);
  const ctx: IngestContext = { db: deps.db, publicBaseUrl: deps.publicBaseUrl, now, channels, calls, autoReplyMaxAgeMs: options.autoReplyMaxAgeMs };
  return {
    post: (request, target) => postDelivery(ctx, request, target),
    handshake: (request, target) => answerHandshake(ctx, request, target),
  };
}
