import { createHmac, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { metaBody } from "../fixtures/providers";
import { newAdminState, routeMetaAdmin, type FakeMetaAdminOptions, type FakeMetaAdminState } from "./meta-admin";
import { postReport, sendJson, startFakeHttps, type FakeHttps, type FakeHttpsOptions, type RecordedRequest } from "./server";

/*
 * A fake Meta Graph API for the WhatsApp Cloud API under `/<version>` (give the client
 * `graphBaseUrl`): the phone number's fields and `/{id}/messages`, with Meta's bodies
 * (testing/fixtures/providers/meta.json), classified by Meta's codes. Status webhooks go back
 * signed with the app secret in X-Hub-Signature-256, as Meta signs them.
 */

export interface FakeMetaOptions extends FakeHttpsOptions, FakeMetaAdminOptions {
  /** Access tokens Meta accepts, each with the phone number ids it may use. */
  tokens: Record<string, string[]>;
  /** Recipients who have not written in 24 hours: a free-form text to them fails with 131047. */
  coldRecipients?: string[];
  version?: string;
}

export interface FakeMetaMessage {
  messageId: string;
  phoneNumberId: string;
  to: string;
  text: string;
}

export type MetaReportStatus = "sent" | "delivered" | "read";

export interface FakeMeta extends FakeHttps {
  /** `https://127.0.0.1:<port>/<version>` */
  graphBaseUrl: string;
  messages: FakeMetaMessage[];
  /** The admin endpoints' state (meta-admin.ts): WABA subscriptions and register calls. */
  admin: FakeMetaAdminState;
  /**
   * From now on `token` is refused with code 190 and a message that ECHOES the token (as some
   * gateways and Graph error pages do): the console must cut it from what it stores and shows.
   */
  revoke(token: string): void;
  /** Posts Meta's `statuses` webhook for `messageId` to `url`, signed with `appSecret`. */
  postStatus(url: string, messageId: string, status: MetaReportStatus, appSecret: string, wabaId?: string): Promise<number>;
}

const PATH = /^\/(v\d+\.\d+)\/(\d+)(\/messages)?$/;

export async function startFakeMeta(options: FakeMetaOptions): Promise<FakeMeta> {
  const version = options.version ?? "v21.0";
  const messages: FakeMetaMessage[] = [];
  const admin = newAdminState();
  const revoked = new Set<string>();

  function unknownObject(res: ServerResponse, id: string): void {
    const body = metaBody("unknownObject");
    const error = body.error as { message: string };
    error.message = error.message.replace("106540352242999", id);
    sendJson(res, 400, body);
  }

  function route(request: RecordedRequest, res: ServerResponse, fake: FakeHttps): void {
    if (routeMetaAdmin(request, res, fake, { ...options, version }, admin)) return;
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    // Meta answers a bad token with code 190 whatever the path.
    if (!token || !(token in options.tokens)) return sendJson(res, 401, metaBody("invalidToken"), { "www-authenticate": 'OAuth "Facebook Platform" "invalid_token"' });
    if (revoked.has(token)) {
      const echoed = { error: { message: `Error validating access token: The session for ${token} has been invalidated.`, type: "OAuthException", code: 190, error_subcode: 466 } };
      return sendJson(res, 401, echoed, { "www-authenticate": 'OAuth "Facebook Platform" "invalid_token"' });
    }
    const match = PATH.exec(request.path);
    if (!match || match[1] !== version) return sendJson(res, 400, { error: { message: "Unknown path components", type: "OAuthException", code: 2500 } });
    const [, , id, messagesPath] = match as unknown as [string, string, string, string | undefined];
    if (!options.tokens[token]!.includes(id)) return unknownObject(res, id);

    const next = fake.takeNext();
    if (next?.kind === "rate-limited") return sendJson(res, 429, metaBody("throughputExceeded"), { "retry-after": String(next.retryAfterSeconds) });
    if (next?.kind === "server-error") return sendJson(res, next.status ?? 503, metaBody("serviceUnavailable"));
    if (next?.kind === "permanent") return sendJson(res, 400, metaBody("recipientNotAllowed"));

    if (request.method === "GET" && !messagesPath) {
      const fields = new Set((request.query.get("fields") ?? "").split(","));
      const all = metaBody("phoneNumber");
      return sendJson(res, 200, { ...Object.fromEntries(Object.entries(all).filter(([name]) => fields.has(name))), id });
    }
    if (request.method === "POST" && messagesPath) {
      let body: { messaging_product?: string; to?: string; type?: string; text?: { body?: string }; template?: { name?: string; language?: { code?: string } } };
      try {
        body = JSON.parse(request.body) as typeof body;
      } catch {
        return sendJson(res, 400, { error: { message: "(#100) Invalid parameter", type: "OAuthException", code: 100 } });
      }
      // A template (name and language) may go to anyone; a free-form text only inside the 24-hour window.
      const isTemplate = body.type === "template" && !!body.template?.name && !!body.template.language?.code;
      if (body.messaging_product !== "whatsapp" || !body.to || (!isTemplate && (body.type !== "text" || !body.text?.body))) {
        return sendJson(res, 400, { error: { message: "(#100) Invalid parameter", type: "OAuthException", code: 100 } });
      }
      if (!isTemplate && options.coldRecipients?.includes(body.to)) return sendJson(res, 400, metaBody("reEngagement"));
      const messageId = `wamid.${randomBytes(18).toString("base64url")}`;
      messages.push({ messageId, phoneNumberId: id, to: body.to, text: isTemplate ? `template:${body.template!.name}` : body.text!.body! });
      return sendJson(res, 200, { messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: messageId }] });
    }
    sendJson(res, 400, { error: { message: "Unsupported request - method type", type: "GraphMethodException", code: 100 } });
  }

  const fake = await startFakeHttps(options, route);
  const baseReset = fake.reset;
  return Object.assign(fake, {
    graphBaseUrl: `${fake.origin}/${version}`,
    messages,
    admin,
    revoke: (token: string) => void revoked.add(token),
    reset() {
      baseReset();
      revoked.clear();
      messages.length = 0;
      admin.subscriptions.clear();
      admin.registerCalls.length = 0;
    },
    async postStatus(url: string, messageId: string, status: MetaReportStatus, appSecret: string, wabaId = "102290129340398") {
      const message = messages.find((m) => m.messageId === messageId);
      if (!message) throw new Error(`the fake sent no message ${messageId}`);
      const statusEntry = { id: messageId, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: message.to };
      const body = JSON.stringify({
        object: "whatsapp_business_account",
        entry: [
          {
            id: wabaId,
            changes: [
              {
                field: "messages",
                value: {
                  messaging_product: "whatsapp",
                  metadata: { display_phone_number: "15550783881", phone_number_id: message.phoneNumberId },
                  statuses: [statusEntry],
                },
              },
            ],
          },
        ],
      });
      const signature = `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
      return postReport(url, body, { "content-type": "application/json", "x-hub-signature-256": signature });
    },
  });
}
