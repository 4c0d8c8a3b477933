import { z } from "zod";
import type { OutboundResponse } from "@/lib/outbound/request";
import { twilioApiBaseUrl } from "./bases";
import { classifyStatus, failed, malformed, parseRetryAfter, redact, succeeded, type ProviderFailure, type ProviderResult } from "./result";
import { basicAuth, jsonOf, send, trimBase, type CallContext, type ChannelTls } from "./transport";

/*
 * Twilio's WhatsApp messaging (outbound.md §2): HTTP Basic with the Account SID and Auth Token
 * against TWILIO_API_BASE_URL (else https://api.twilio.com); answers and errors are JSON
 * (`{code, message, more_info, status}`, twilio-node RestException).
 */

export interface TwilioSettings extends ChannelTls {
  accountSid: string;
  authToken: string;
  /** The WhatsApp sender, E.164. */
  from: string;
  /** TWILIO_API_BASE_URL when not given. */
  apiBaseUrl?: string;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;

const accountSchema = z.object({
  sid: z.string(),
  friendly_name: z.string().optional(),
  /** active, suspended or closed. */
  status: z.string(),
  /** Trial or Full. */
  type: z.string().optional(),
});
export type TwilioAccount = z.infer<typeof accountSchema>;

const messageSchema = z.object({ sid: z.string().min(1), status: z.string().optional() });
const twilioErrorSchema = z.object({ code: z.number().int().nullable().optional(), message: z.string().optional() });

/** Twilio's error body on its status; 63016 (outside the 24-hour window) is the one code with its own kind. */
export function classifyTwilioError(status: number, body: unknown, retryAfterSeconds: number | null, secrets: readonly string[]): ProviderFailure {
  const parsed = twilioErrorSchema.safeParse(body);
  if (!parsed.success && status < 500 && status !== 429) return malformed(status);
  const said = parsed.success ? parsed.data : {};
  const code = said.code != null ? String(said.code) : undefined;
  const message = redact(said.message, secrets);
  if (code === "63016") return { kind: "outside-window", retryable: false, status, code, message };
  return classifyStatus({ status, code, message }, retryAfterSeconds);
}

function failure<T>(response: OutboundResponse, settings: TwilioSettings): ProviderResult<T> {
  return failed(classifyTwilioError(response.status, jsonOf(response), parseRetryAfter(response.headers["retry-after"]), [settings.authToken]));
}

const accountUrl = (settings: TwilioSettings) => `${trimBase(settings.apiBaseUrl ?? twilioApiBaseUrl())}/2010-04-01/Accounts/${settings.accountSid}`;
const badSid = (): ProviderFailure => ({ kind: "unauthorized", retryable: false, status: 0, message: "the Account SID is not AC followed by 32 hex digits" });
const whatsapp = (e164: string) => `whatsapp:${e164.startsWith("+") ? e164 : `+${e164}`}`;

/** Credentials without sending: the account (its status tells a suspended or closed account). */
export async function probeTwilio(settings: TwilioSettings, context: CallContext): Promise<ProviderResult<TwilioAccount>> {
  // The SID is put in the URL path: anything but its shape could bend it.
  if (!ACCOUNT_SID.test(settings.accountSid)) return failed(badSid());
  const sent = await send({ method: "GET", url: `${accountUrl(settings)}.json`, headers: { authorization: basicAuth(settings.accountSid, settings.authToken) } }, settings, context);
  if (!sent.ok) return failed(sent.failure);
  if (sent.response.status !== 200) return failure(sent.response, settings);
  const parsed = accountSchema.safeParse(jsonOf(sent.response));
  return parsed.success ? succeeded(parsed.data) : failed(malformed(sent.response.status));
}

/** One text to `recipient` (E.164) from the channel's WhatsApp sender; answers the message SID. */
export async function sendTwilioText(
  settings: TwilioSettings,
  recipient: string,
  text: string,
  context: CallContext,
): Promise<ProviderResult<{ messageId: string; status?: string }>> {
  if (!ACCOUNT_SID.test(settings.accountSid)) return failed(badSid());
  const sent = await send(
    {
      method: "POST",
      url: `${accountUrl(settings)}/Messages.json`,
      headers: { authorization: basicAuth(settings.accountSid, settings.authToken), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ To: whatsapp(recipient), From: whatsapp(settings.from), Body: text }).toString(),
    },
    settings,
    context,
  );
  if (!sent.ok) return failed(sent.failure);
  if (sent.response.status !== 201 && sent.response.status !== 200) return failure(sent.response, settings);
  const parsed = messageSchema.safeParse(jsonOf(sent.response));
  if (!parsed.success) return failed(malformed(sent.response.status));
  return succeeded({ messageId: parsed.data.sid, status: parsed.data.status });
}
