import type { IncomingMessage, ServerResponse } from "node:http";
import { apiSecurityHeaders, cameOverHttps } from "@/lib/http/security-headers";
import type { BodyResult } from "./body";
import type { Ingestor, WebhookTarget } from "./ingestor";
import { answerWebhookCall, matchWebhookPath, webhookAction, type WebhookAction } from "./routes";
import { RequestAborted, type IngestRequest, type WebhookReply } from "./transport";

/*
 * The webhook URLs served straight from node:http by the production server (scripts/serve.mjs),
 * in front of Next's request handler. Same ingestor, same answers as the route handlers under
 * app/api/webhooks/ (tests compare the two); what it saves is Next's per-request work (routing,
 * the Fetch Request and stream wrappers, its async context), which on a small machine cost more
 * CPU than a delivery itself (bench/README.md).
 *
 * Anything that is not exactly a webhook URL with a method the route handlers export is left to
 * Next: the handler returns false and the caller passes the request on.
 */

export type NodeWebhookHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

const PREFIX = "/api/webhooks/";

export function createNodeWebhookHandler(getIngestor: () => Ingestor): NodeWebhookHandler {
  return (request, response) => {
    const url = request.url ?? "";
    if (!url.startsWith(PREFIX)) return false;
    const query = url.indexOf("?");
    const target = matchWebhookPath(query < 0 ? url : url.slice(0, query));
    const action = target && webhookAction(target.segment, request.method ?? "");
    if (!target || !action) return false;
    void serve(getIngestor, request, response, target, action);
    return true;
  };
}

async function serve(getIngestor: () => Ingestor, request: IncomingMessage, response: ServerResponse, target: WebhookTarget, action: WebhookAction) {
  try {
    send(request, response, await answerWebhookCall(getIngestor, action, fromNodeRequest(request), target));
  } catch {
    // Only a caller that hung up mid-body gets here (RequestAborted): nobody is left to answer.
    response.destroy();
  }
}

function send(request: IncomingMessage, response: ServerResponse, reply: WebhookReply) {
  if (response.destroyed || response.headersSent) return;
  const https = cameOverHttps(request.headers["x-forwarded-proto"] as string | undefined);
  const headers: Record<string, string | number> = { ...apiSecurityHeaders(https), ...reply.headers, "content-length": Buffer.byteLength(reply.body) };
  // A body refused unread may be megabytes still on the way: close rather than read it all to keep the connection.
  if (reply.status === 413 && !request.complete) headers.connection = "close";
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}

export function fromNodeRequest(request: IncomingMessage): IngestRequest {
  return {
    method: request.method ?? "",
    url: request.url ?? "",
    headers: {
      get(name) {
        const value = request.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(", ") : value;
      },
    },
    readBody: (capBytes) => readNodeBody(request, capBytes),
  };
}

/** Like body.ts's readCappedBody, on a node:http request: a declared or counted size over the cap stops reading. */
export function readNodeBody(request: IncomingMessage, capBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > capBytes) return Promise.resolve({ ok: false, reason: "bodyTooLarge" });
  // The caller may have hung up while the channel was looked up.
  if (request.destroyed && !request.complete) return Promise.reject(new RequestAborted());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stopListening = () => request.off("data", onData).off("end", onEnd).off("error", onAborted).off("close", onClose);
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= capBytes) return void chunks.push(chunk);
      stopListening();
      // The rest stays unread: the answer closes the connection (see send).
      request.pause();
      resolve({ ok: false, reason: "bodyTooLarge" });
    };
    const onEnd = () => {
      stopListening();
      resolve({ ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) });
    };
    const onAborted = () => {
      stopListening();
      reject(new RequestAborted());
    };
    const onClose = () => {
      if (!request.complete) onAborted();
    };
    request.on("data", onData).on("end", onEnd).on("error", onAborted).on("close", onClose);
  });
}
