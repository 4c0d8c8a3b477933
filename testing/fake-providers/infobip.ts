import { randomBytes, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { infobipBody } from "../fixtures/providers";
import { basicCredentials, postReport, sendJson, startFakeHttps, type FakeHttps, type FakeHttpsOptions, type RecordedRequest } from "./server";

/*
 * A fake Infobip WhatsApp API, also standing in for the customer-built BSP (which speaks Infobip's
 * shape, protocols.md §5): `App <key>`, Basic and OAuth 2.0 client credentials (token endpoint
 * `/oauth/token`), the senders-quality probe and the text send, with Infobip's bodies
 * (testing/fixtures/providers/infobip.json). Reports go back as Infobip posts them.
 */

export interface FakeInfobipOptions extends FakeHttpsOptions {
  /** Accepted as `Authorization: App <apiKey>`. */
  apiKey?: string;
  /** Accepted as `Authorization: Basic`. */
  basic?: { user: string; password: string };
  /** OAuth 2.0 client credentials accepted at /oauth/token; its access tokens are accepted as Bearer. */
  oauth?: { clientId: string; clientSecret: string; expiresInSeconds?: number };
  /** The account's senders, digits only (`441134960000`). */
  senders: string[];
  /** A path the BaseUrl carries before the API's paths (a BSP's `/apiaccess/rest/ccmessaging`); stripped before routing. */
  basePath?: string;
}

export interface FakeInfobipMessage {
  messageId: string;
  from: string;
  to: string;
  text: string;
}

export type InfobipReportStatus = "sent" | "delivered" | "read";

export interface FakeInfobip extends FakeHttps {
  messages: FakeInfobipMessage[];
  /** Access tokens the token endpoint issued, in order. */
  issuedTokens: string[];
  /** Posts a report for `messageId` to `url`, authenticated the way the console's webhook expects (AccountKey or Bearer). */
  postDeliveryReport(url: string, messageId: string, status: InfobipReportStatus, auth: { accountKey: string } | { bearerToken: string }): Promise<number>;
}

export const INFOBIP_TOKEN_PATH = "/oauth/token";

const STATUS: Record<Exclude<InfobipReportStatus, "read">, object> = {
  sent: { groupId: 1, groupName: "PENDING", id: 7, name: "PENDING_ENROUTE", description: "Message sent to next instance" },
  delivered: { groupId: 3, groupName: "DELIVERED", id: 5, name: "DELIVERED_TO_HANDSET", description: "Message delivered to handset" },
};
const NO_ERROR = { groupId: 0, groupName: "OK", id: 0, name: "NO_ERROR", description: "No Error", permanent: false };

const infobipTime = (date: Date) => date.toISOString().replace("Z", "+0000");

export async function startFakeInfobip(options: FakeInfobipOptions): Promise<FakeInfobip> {
  const messages: FakeInfobipMessage[] = [];
  const issuedTokens: string[] = [];
  const tokenExpiry = new Map<string, number>();

  function authorized(request: RecordedRequest): boolean {
    const header = request.headers.authorization ?? "";
    if (options.apiKey && header === `App ${options.apiKey}`) return true;
    const basic = basicCredentials(header);
    if (options.basic && basic && basic.user === options.basic.user && basic.password === options.basic.password) return true;
    const bearer = /^Bearer (\S+)$/.exec(header)?.[1];
    return !!bearer && (tokenExpiry.get(bearer) ?? 0) > Date.now();
  }

  function token(request: RecordedRequest, res: ServerResponse): void {
    // RFC 6749 §4.4 with client authentication by HTTP Basic (§2.3.1), or the client's id and secret in the form.
    const form = new URLSearchParams(request.body);
    const client = basicCredentials(request.headers.authorization) ?? { user: form.get("client_id") ?? "", password: form.get("client_secret") ?? "" };
    if (form.get("grant_type") !== "client_credentials") return sendJson(res, 400, { error: "unsupported_grant_type" });
    if (!options.oauth || client.user !== options.oauth.clientId || client.password !== options.oauth.clientSecret) {
      return sendJson(res, 401, { error: "invalid_client", error_description: "Client authentication failed" });
    }
    const expiresIn = options.oauth.expiresInSeconds ?? 3600;
    const accessToken = randomBytes(24).toString("base64url");
    issuedTokens.push(accessToken);
    tokenExpiry.set(accessToken, Date.now() + expiresIn * 1000);
    sendJson(res, 200, { access_token: accessToken, token_type: "Bearer", expires_in: expiresIn }, { "cache-control": "no-store" });
  }

  function api(request: RecordedRequest, res: ServerResponse, fake: FakeHttps): void {
    if (!authorized(request)) return sendJson(res, 401, infobipBody("unauthorized"));
    const next = fake.takeNext();
    if (next?.kind === "rate-limited") return sendJson(res, 429, infobipBody("tooManyRequests"), { "retry-after": String(next.retryAfterSeconds) });
    if (next?.kind === "server-error") return sendJson(res, next.status ?? 500, infobipBody("serverError"));
    if (next?.kind === "permanent") return sendJson(res, 400, infobipBody("badRequest"));

    if (request.method === "GET" && request.path === "/whatsapp/1/senders/quality") {
      const asked = (request.query.get("senders") ?? "").split(",");
      const results = infobipBody("sendersQuality").results as Array<Record<string, unknown>>;
      const template = results[0]!;
      return sendJson(res, 200, { results: asked.filter((s) => options.senders.includes(s)).map((sender) => ({ ...template, sender })) });
    }
    if (request.method === "POST" && request.path === "/whatsapp/1/message/text") {
      let body: { from?: string; to?: string; messageId?: string; content?: { text?: string } };
      try {
        body = JSON.parse(request.body) as typeof body;
      } catch {
        return sendJson(res, 400, infobipBody("badRequest"));
      }
      // A BSP reached with an OAuth token knows its sender from the token; everyone else names it.
      const senderKnown = body.from ? options.senders.includes(body.from) : /^Bearer /.test(request.headers.authorization ?? "");
      if (!senderKnown || !body.to || !body.content?.text) return sendJson(res, 400, infobipBody("badRequest"));
      // The client's messageId becomes the message's id; the same id again is the same message, not a second one.
      const messageId = body.messageId ?? randomUUID();
      if (body.messageId && messages.some((m) => m.messageId === messageId)) return sendJson(res, 200, { ...infobipBody("sendAccepted"), to: body.to, messageId });
      messages.push({ messageId, from: body.from ?? "", to: body.to, text: body.content.text });
      return sendJson(res, 200, { ...infobipBody("sendAccepted"), to: body.to, messageId });
    }
    sendJson(res, 404, { errorCode: "E404", description: "Resource not found.", action: "", violations: [], resources: [] });
  }

  const fake = await startFakeHttps(options, (recorded, res, self) => {
    const base = options.basePath;
    const request = base && recorded.path.startsWith(`${base}/`) ? { ...recorded, path: recorded.path.slice(base.length) } : recorded;
    return request.method === "POST" && request.path === INFOBIP_TOKEN_PATH ? token(request, res) : api(request, res, self);
  });

  const baseReset = fake.reset;
  return Object.assign(fake, {
    messages,
    issuedTokens,
    reset() {
      baseReset();
      messages.length = 0;
      issuedTokens.length = 0;
      tokenExpiry.clear();
    },
    async postDeliveryReport(url: string, messageId: string, status: InfobipReportStatus, auth: { accountKey: string } | { bearerToken: string }) {
      const message = messages.find((m) => m.messageId === messageId);
      if (!message) throw new Error(`the fake sent no message ${messageId}`);
      const now = new Date();
      const result =
        status === "read"
          ? { messageId, from: message.from, to: message.to, sentAt: infobipTime(now), seenAt: infobipTime(now) }
          : { bulkId: null, status: STATUS[status], error: NO_ERROR, messageId, doneAt: infobipTime(now), messageCount: 1, sentAt: infobipTime(now), to: message.to };
      const headers: Record<string, string> = { "content-type": "application/json" };
      if ("accountKey" in auth) headers.accountkey = auth.accountKey;
      else headers.authorization = `Bearer ${auth.bearerToken}`;
      return postReport(url, JSON.stringify({ results: [result] }), headers);
    },
  });
}
