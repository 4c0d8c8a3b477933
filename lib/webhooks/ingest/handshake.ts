import type { AttemptRow } from "@/db/queries/webhook-ingest";
import { moduleLog } from "@/lib/log/logger";
import { verifyMetaHandshake } from "../verify/meta-handshake";
import { authFailureStatus } from "./authenticate";
import type { WebhookTarget } from "./channel-identifier";
import type { IngestContext } from "./context";
import { handshakeAnswer, webhookError } from "./responses";
import type { IngestRequest, WebhookReply } from "./transport";

/*
 * cloud-api's GET: Meta's verification request. The verify token is checked, the challenge echoed,
 * and the moment recorded as the URL's verification (the Channel Integration step shows it).
 */

export async function answerHandshake(ctx: IngestContext, request: IngestRequest, target: WebhookTarget): Promise<WebhookReply> {
  const started = performance.now();
  const identified = await ctx.channels.identify(target, "GET", started);
  if (!identified.ok) return identified.response;
  const { channel, endpoint } = identified;
  const result = verifyMetaHandshake(queryOf(request.url), channel.verifyToken);
  if (!result.ok) {
    const status = result.reason === "handshakeModeInvalid" || result.reason === "challengeInvalid" ? 400 : authFailureStatus(result.reason);
    ctx.calls.reject(channel, endpoint, "GET", status, result.reason, started);
    return webhookError(status, result.reason);
  }
  const attempt: AttemptRow = {
    outcome: "verified",
    statusCode: 200,
    reason: null,
    ignored: 0,
    suppressed: 0,
    durationMs: performance.now() - started,
    at: ctx.now(),
  };
  try {
    await ctx.calls.submit({ tenantId: channel.tenantId, channelId: channel.id, endpoint, method: "GET", expectedVersion: null, events: [], attempt, touchesEndpointStatus: true });
  } catch (error) {
    // Meta only needs the challenge back; not recording the moment must not fail its verification.
    moduleLog("webhooks").error({ err: error, tenantId: channel.tenantId, channelId: channel.id }, "could not record Meta's verification");
  }
  return handshakeAnswer(result.challenge);
}

/** The query of an absolute URL or of a path as node:http hands it over. */
function queryOf(url: string): URLSearchParams {
  const start = url.indexOf("?");
  if (start < 0) return new URLSearchParams();
  const end = url.indexOf("#", start);
  return new URLSearchParams(url.slice(start + 1, end < 0 ? undefined : end));
}
