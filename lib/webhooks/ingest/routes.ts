import type { Ingestor, WebhookTarget } from "./ingestor";
import { logWebhookFault, observeWebhookCall, webhookOutcome } from "./observe";
import { internalError, methodNotAllowed } from "./responses";
import { RequestAborted, type IngestRequest, type WebhookReply } from "./transport";
import { ENDPOINTS_BY_SEGMENT, isWebhookSegment, type WebhookSegment } from "./webhook-channel";

/*
 * The webhook URLs and what each method does on them, shared by the route handlers under
 * app/api/webhooks/ and the production server's direct path (node-transport.ts), so both
 * answer every call the same way.
 */

export type WebhookAction = "post" | "handshake" | "notAllowed";

/** Only Meta's URL answers GET (its verification handshake). */
export function allowedMethods(segment: WebhookSegment): readonly ["GET", "POST"] | readonly ["POST"] {
  return segment === "whatsapp-cloud" ? (["GET", "POST"] as const) : (["POST"] as const);
}

/**
 * What a method does on a segment's URL; null for the methods the route handlers do not
 * export (HEAD, OPTIONS, …), which Next answers itself.
 */
export function webhookAction(segment: WebhookSegment, method: string): WebhookAction | null {
  if (method === "POST") return "post";
  if (method === "GET") return segment === "whatsapp-cloud" ? "handshake" : "notAllowed";
  if (method === "PUT" || method === "PATCH" || method === "DELETE") return "notAllowed";
  return null;
}

/**
 * The answer to one call, whichever server carries it. A fault of ours (never bad input, which the
 * ingestor answers) is logged without the request and answered 500; a caller that hung up gets
 * nothing (RequestAborted goes back to the transport).
 */
export async function answerWebhookCall(getIngestor: () => Ingestor, action: WebhookAction, request: IngestRequest, target: WebhookTarget): Promise<WebhookReply> {
  const started = performance.now();
  let reply: WebhookReply;
  if (action === "notAllowed") reply = methodNotAllowed(allowedMethods(target.segment));
  else {
    try {
      const ingestor = getIngestor();
      reply = action === "post" ? await ingestor.post(request, target) : await ingestor.handshake(request, target);
    } catch (error) {
      if (error instanceof RequestAborted) {
        observeWebhookCall(target.segment, "aborted", started);
        throw error;
      }
      logWebhookFault(target.segment, error);
      reply = internalError();
    }
  }
  observeWebhookCall(target.segment, webhookOutcome(reply.status), started);
  return reply;
}

const PREFIX = "/api/webhooks/";

/**
 * The target of a request path (no query) in the shapes app/api/webhooks/ routes:
 * `<segment>/<key>` for one-URL providers, `<segment>/<key>/<endpoint>` for the others.
 * Null for anything else, including a trailing slash or a segment that does not decode, which
 * Next answers (redirect, 404 page, 400).
 */
export function matchWebhookPath(pathname: string): WebhookTarget | null {
  if (!pathname.startsWith(PREFIX)) return null;
  const parts = pathname.slice(PREFIX.length).split("/");
  const segment = parts[0]!;
  if (!isWebhookSegment(segment)) return null;
  const oneUrl = ENDPOINTS_BY_SEGMENT[segment].length === 1;
  if (parts.length !== (oneUrl ? 2 : 3) || parts.some((part) => part === "")) return null;
  const decoded = parts.slice(1).map(decodeSegment);
  if (decoded.some((part) => part === null)) return null;
  return oneUrl ? { segment, channelKey: decoded[0]! } : { segment, channelKey: decoded[0]!, endpoint: decoded[1]! };
}

function decodeSegment(part: string): string | null {
  if (!part.includes("%")) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
