import "server-only";
import type { WebhookTarget } from "./ingestor";
import { getIngestor } from "./instance";
import { methodNotAllowed, webhookError } from "./responses";
import type { WebhookSegment } from "./webhook-channel";

/*
 * The exports of each app/api/webhooks/<provider>/… route.ts: thin, so the provider files only
 * say which provider they serve. Methods a provider does not use answer 405 with Allow.
 */

type Context = { params: Promise<{ channelKey: string; endpoint?: string }> };
type Handler = (request: Request, context: Context) => Promise<Response>;

export function webhookRouteHandlers(segment: WebhookSegment, { handshake = false } = {}) {
  const allowed = handshake ? ["GET", "POST"] : ["POST"];
  const target = async (context: Context): Promise<WebhookTarget> => {
    const { channelKey, endpoint } = await context.params;
    return { segment, channelKey, endpoint };
  };
  const guarded =
    (run: (request: Request, target: WebhookTarget) => Promise<Response>): Handler =>
    async (request, context) => {
      try {
        return await run(request, await target(context));
      } catch (error) {
        // Not bad input (that is answered above): a fault of ours, logged without the request.
        console.error(`[webhooks] ${segment}: ${(error as Error)?.stack ?? String(error)}`);
        return webhookError(500, "databaseUnavailable", { message: "Internal error" });
      }
    };
  const notAllowed: Handler = async () => methodNotAllowed(allowed);
  return {
    POST: guarded((request, t) => getIngestor().post(request, t)),
    GET: handshake ? guarded((request, t) => getIngestor().handshake(request, t)) : notAllowed,
    PUT: notAllowed,
    PATCH: notAllowed,
    DELETE: notAllowed,
  };
}
