import { readCappedBody } from "./body";
import type { IngestRequest, WebhookReply } from "./transport";

/* The ingestor over the Fetch API's Request and Response, as Next's route handlers call it. */

export function fromWebRequest(request: Request): IngestRequest {
  return { method: request.method, url: request.url, headers: request.headers, readBody: (capBytes) => readCappedBody(request, capBytes) };
}

export function toWebResponse(reply: WebhookReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
