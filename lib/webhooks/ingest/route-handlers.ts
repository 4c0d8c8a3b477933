import "server-only";
import type { WebhookTarget } from "./ingestor";
import { getIngestor } from "./instance";
import { internalError, methodNotAllowed } from "./responses";
import { allowedMethods, webhookAction } from "./routes";
import { fromWebRequest, toWebResponse } from "./web-transport";
import type { WebhookSegment } from "./webhook-channel";

/*
 * The exports of each app/api/webhooks/<provider>/… route.ts: thin, so the provider files only
 * say which provider they serve. Methods a provider does not use answer 405 with Allow.
 */

type Context = { params: Promise<{ channelKey: string; endpoint?: string }> };
type Handler = (request: Request, context: Context) => Promise<Response>;

export function webhookRouteHandlers(segment: WebhookSegment) {
  const allowed = allowedMethods(segment);
  const handler =
    (method: "POST" | "GET" | "PUT" | "PATCH" | "DELETE"): Handler =>
    async (request, context) => {
      const action = webhookAction(segment, method);
      if (action === "notAllowed") return toWebResponse(methodNotAllowed(allowed));
      try {
        const { channelKey, endpoint } = await context.params;
        const target: WebhookTarget = { segment, channelKey, endpoint };
        const ingestor = getIngestor();
        const reply = action === "post" ? await ingestor.post(fromWebRequest(request), target) : await ingestor.handshake(fromWebRequest(request), target);
        return toWebResponse(reply);
      } catch (error) {
        // Not bad input (that is answered above): a fault of ours, logged without the request.
        console.error(`[webhooks] ${segment}: ${(error as Error)?.stack ?? String(error)}`);
        return toWebResponse(internalError());
      }
    };
  return {
    POST: handler("POST"),
    GET: handler("GET"),
    PUT: handler("PUT"),
    PATCH: handler("PATCH"),
    DELETE: handler("DELETE"),
  };
}
