import "server-only";
import { getIngestor } from "./instance";
import { answerWebhookCall, webhookAction } from "./routes";
import { fromWebRequest, toWebResponse } from "./web-transport";
import type { WebhookSegment } from "./webhook-channel";

/*
 * The exports of each app/api/webhooks/<provider>/… route.ts: thin, so the provider files only
 * say which provider they serve. Methods a provider does not use answer 405 with Allow.
 */

type Context = { params: Promise<{ channelKey: string; endpoint?: string }> };
type Handler = (request: Request, context: Context) => Promise<Response>;

export function webhookRouteHandlers(segment: WebhookSegment) {
  const handler =
    (method: "POST" | "GET" | "PUT" | "PATCH" | "DELETE"): Handler =>
    async (request, context) => {
      const { channelKey, endpoint } = await context.params;
      const reply = await answerWebhookCall(getIngestor, webhookAction(segment, method)!, fromWebRequest(request), { segment, channelKey, endpoint });
      return toWebResponse(reply);
    };
  return {
    POST: handler("POST"),
    GET: handler("GET"),
    PUT: handler("PUT"),
    PATCH: handler("PATCH"),
    DELETE: handler("DELETE"),
  };
}
