import { readCappedBody } from "./body";
import type { Ingestor, WebhookTarget } from "./ingestor";
import type { IngestRequest, WebhookReply } from "./transport";

/* The ingestor over the Fetch API's Request and Response: Next's route handlers, and tests. */

export function fromWebRequest(request: Request): IngestRequest {
  return { method: request.method, url: request.url, headers: request.headers, readBody: (capBytes) => readCappedBody(request, capBytes) };
}

export function toWebResponse(reply: WebhookReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

export interface WebIngestor {
  post(request: Request, target: WebhookTarget): Promise<Response>;
  handshake(request: Request, target: WebhookTarget): Promise<Response>;
}

export function webIngestor(ingestor: Ingestor): WebIngestor {
  return {
    post: async (request, target) => toWebResponse(await ingestor.post(fromWebRequest(request), target)),
    handshake: async (request, target) => toWebResponse(await ingestor.handshake(fromWebRequest(request), target)),
  };
}
