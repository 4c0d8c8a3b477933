import type { AttemptRow, WriteResult } from "@/db/queries/webhook-ingest";
import type { WebhookCredential, WebhookEndpoint } from "@/db/schema/webhooks";
import { publicRequestUrl } from "../verify/twilio-signature";
import { authenticate, authFailureStatus, type AuthOutcome, type AuthRequest } from "./authenticate";
import { bodyCapFor } from "./body";
import type { WebhookTarget } from "./channel-identifier";
import type { IngestContext } from "./context";
import { deliveryRows, type DeliveryRows } from "./delivery-rows";
import { parseDelivery } from "./parse-delivery";
import { authChallenge, unavailableOrThrow, webhookError, webhookStored } from "./responses";
import type { IngestRequest, WebhookReply } from "./transport";
import type { WebhookChannel } from "./webhook-channel";

/*
 * A provider's POST, step by step: channel by key → capped raw body → authentication on the raw
 * bytes → zod → one group-committed write → 2xx. A 2xx is only ever sent after the transaction
 * holding the call's rows has committed. A call is tried at most twice: a failed authentication
 * (a replaced secret) or a stale write (the channel changed since it was cached) reads the channel
 * again and decides once more on fresh facts.
 */

/** A POST whose body has been read: everything a try needs, and the request authenticate() checks. */
interface DeliveryCall extends AuthRequest {
  target: WebhookTarget;
  started: number;
  receivedAt: Date;
}

const UTF8 = new TextDecoder();

export async function postDelivery(ctx: IngestContext, request: IngestRequest, target: WebhookTarget): Promise<WebhookReply> {
  const started = performance.now();
  const receivedAt = ctx.now();
  let identified = await ctx.channels.identify(target, "POST", started);
  if (!identified.ok) return identified.response;

  const cap = bodyCapFor(target.segment);
  const body = await request.readBody(cap);
  if (!body.ok) {
    ctx.calls.reject(identified.channel, identified.endpoint, "POST", 413, "bodyTooLarge", started);
    return webhookError(413, "bodyTooLarge", { message: `The body is over ${cap / 1024 / 1024} MiB` });
  }
  const call: DeliveryCall = {
    target,
    started,
    receivedAt,
    headers: request.headers,
    rawBody: body.bytes,
    bodyText: UTF8.decode(body.bytes),
    // Only Twilio signs the URL; the others need not pay for building it.
    get publicUrl() {
      return publicRequestUrl(ctx.publicBaseUrl, request.url);
    },
  };

  for (let round = 0; ; round++) {
    const reply = await tryDelivery(ctx, call, identified.channel, identified.endpoint, round);
    if (reply) return reply;
    identified = await ctx.channels.identify(target, "POST", started, true);
    if (!identified.ok) return identified.response;
  }
}

/** One try on what is known of the channel. Null: read the channel again and try once more. */
async function tryDelivery(ctx: IngestContext, call: DeliveryCall, channel: WebhookChannel, endpoint: WebhookEndpoint, round: number): Promise<WebhookReply | null> {
  let auth: AuthOutcome;
  try {
    auth = await authenticate(ctx.db, channel, call, call.receivedAt);
  } catch (error) {
    return unavailableOrThrow(error);
  }
  if (!auth.ok) {
    if (round === 0 && ctx.channels.mayRecheck(call.target.channelKey)) return null;
    const status = authFailureStatus(auth.reason);
    ctx.calls.reject(channel, endpoint, "POST", status, auth.reason, call.started);
    return webhookError(status, auth.reason, {}, authChallenge(channel, status));
  }

  const parsed = parseDelivery(call.target.segment, endpoint, call.bodyText, call.receivedAt);
  if (!parsed.ok) {
    ctx.calls.reject(channel, endpoint, "POST", 400, "payloadInvalid", call.started);
    return webhookError(400, "payloadInvalid", parsed.problem);
  }

  let result: WriteResult;
  try {
    result = await store(ctx, call, channel, endpoint, deliveryRows(channel, parsed.payload, call.receivedAt, ctx.autoReplyMaxAgeMs), auth.credential);
  } catch (error) {
    return unavailableOrThrow(error);
  }
  if (result.kind === "stored") return webhookStored(call.target.segment, result);
  // The channel changed (disabled, secrets replaced, deleted) since it was cached: decide again on fresh facts.
  return round > 0 ? webhookError(503, "databaseUnavailable") : null;
}

/** The call's events and its log row, written only while the channel is still enabled at the version it was authenticated against. */
function store(
  ctx: IngestContext,
  call: DeliveryCall,
  channel: WebhookChannel,
  endpoint: WebhookEndpoint,
  rows: DeliveryRows,
  credential: WebhookCredential | null,
): Promise<WriteResult> {
  const attempt: AttemptRow = {
    credential,
    outcome: "accepted",
    statusCode: 200,
    reason: null,
    ignored: rows.ignored,
    suppressed: 0,
    durationMs: performance.now() - call.started,
    at: call.receivedAt,
  };
  return ctx.calls.submit({
    tenantId: channel.tenantId,
    channelId: channel.id,
    endpoint,
    method: "POST",
    expectedVersion: channel.version,
    // Decided on the cached calendar: stale (and decided again) if the tenant's calendar changed since.
    expectedCalendarVersion: channel.autoReply && rows.events.some((event) => event.kind === "message") ? channel.autoReply.calendarVersion : null,
    events: rows.events,
    attempt,
    touchesEndpointStatus: ctx.calls.dueForStatusUpdate(channel.id, endpoint),
  });
}
