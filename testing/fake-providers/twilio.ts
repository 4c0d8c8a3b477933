import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { twilioSignature } from "../../lib/webhooks/verify/twilio-signature";
import { twilioBody } from "../fixtures/providers";
import { basicCredentials, postReport, sendJson, startFakeHttps, type FakeHttps, type FakeHttpsOptions, type RecordedRequest } from "./server";

/*
 * A fake Twilio REST API (2010-04-01): the account and Messages.json, Basic auth with the Account SID
 * and Auth Token, Twilio's bodies (testing/fixtures/providers/twilio.json). Status callbacks go back
 * form-encoded and signed in X-Twilio-Signature with the Auth Token, as Twilio signs them.
 */

export interface FakeTwilioOptions extends FakeHttpsOptions {
  accountSid: string;
  authToken: string;
  /** WhatsApp senders of the account, E.164. */
  senders: string[];
  /** Each sender's webhook in the Senders API (messaging.twilio.com/v2/Channels/Senders); none when absent. */
  senderWebhooks?: Record<string, { callbackUrl?: string; statusCallbackUrl?: string }>;
}

export interface FakeTwilioMessage {
  sid: string;
  from: string;
  to: string;
  body: string;
}

export type TwilioReportStatus = "sent" | "delivered" | "read";

export interface FakeTwilio extends FakeHttps {
  messages: FakeTwilioMessage[];
  /** Posts Twilio's status callback for `sid` to `url`, signed with the account's Auth Token. */
  postStatus(url: string, sid: string, status: TwilioReportStatus): Promise<number>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const messages: FakeTwilioMessage[] = [];
  const accountPath = `/2010-04-01/Accounts/${options.accountSid}`;

  function route(request: RecordedRequest, res: ServerResponse, fake: FakeHttps): void {
    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials || credentials.user !== options.accountSid || credentials.password !== options.authToken) {
      return sendJson(res, 401, twilioBody("authenticate"), { "www-authenticate": 'Basic realm="Twilio API"' });
    }
    const next = fake.takeNext();
    if (next?.kind === "rate-limited") return sendJson(res, 429, twilioBody("tooManyRequests"), { "retry-after": String(next.retryAfterSeconds) });
    if (next?.kind === "server-error") return sendJson(res, next.status ?? 500, twilioBody("serviceUnavailable"));
    if (next?.kind === "permanent") return sendJson(res, 400, twilioBody("invalidTo"));

    if (request.method === "GET" && request.path === `${accountPath}.json`) {
      return sendJson(res, 200, { ...twilioBody("account"), sid: options.accountSid, owner_account_sid: options.accountSid });
    }
    if (request.method === "GET" && request.path === "/v2/Channels/Senders") return sendJson(res, 200, sendersPage(options));
    if (request.method === "POST" && request.path === `${accountPath}/Messages.json`) {
      const form = new URLSearchParams(request.body);
      const to = form.get("To") ?? "";
      const from = form.get("From") ?? "";
      if (!to.startsWith("whatsapp:") || !E164.test(to.slice(9))) {
        return sendJson(res, 400, { ...twilioBody("invalidTo"), message: `The 'To' number ${to} is not a valid phone number.` });
      }
      if (!options.senders.map((sender) => `whatsapp:${sender}`).includes(from)) {
        return sendJson(res, 400, { code: 63007, message: "Twilio could not find a Channel with the specified From address", more_info: "https://www.twilio.com/docs/errors/63007", status: 400 });
      }
      const sid = `SM${randomBytes(16).toString("hex")}`;
      messages.push({ sid, from, to, body: form.get("Body") ?? "" });
      return sendJson(res, 201, { ...twilioBody("messageQueued"), account_sid: options.accountSid, sid, from, to, body: form.get("Body") ?? "" });
    }
    const notFound = twilioBody("notFound");
    sendJson(res, 404, { ...notFound, message: `The requested resource ${request.path} was not found` });
  }

  const fake = await startFakeHttps(options, route);
  const baseReset = fake.reset;
  return Object.assign(fake, {
    messages,
    reset() {
      baseReset();
      messages.length = 0;
    },
    async postStatus(url: string, sid: string, status: TwilioReportStatus) {
      const message = messages.find((m) => m.sid === sid);
      if (!message) throw new Error(`the fake sent no message ${sid}`);
      const params: Record<string, string> = {
        SmsSid: sid,
        SmsStatus: status,
        MessageStatus: status,
        To: message.to,
        MessageSid: sid,
        AccountSid: options.accountSid,
        From: message.from,
        ApiVersion: "2010-04-01",
      };
      const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(options.authToken, url, params) };
      return postReport(url, new URLSearchParams(params).toString(), headers);
    },
  });
}

/** The Senders API's list (Twilio's v2 shape, one page): each WhatsApp sender, ONLINE, with its webhook. */
function sendersPage(options: FakeTwilioOptions) {
  const senders = options.senders.map((sender, index) => {
    const hook = options.senderWebhooks?.[sender];
    return {
      sid: `XE${String(index).padStart(32, "0")}`,
      status: "ONLINE",
      sender_id: `whatsapp:${sender}`,
      webhook: {
        callback_url: hook?.callbackUrl ?? null,
        callback_method: "POST",
        fallback_url: null,
        fallback_method: "POST",
        status_callback_url: hook?.statusCallbackUrl ?? null,
        status_callback_method: "POST",
      },
      offline_reasons: null,
    };
  });
  return { senders, meta: { page: 0, page_size: 100, first_page_url: null, previous_page_url: null, next_page_url: null, key: "senders" } };
}
