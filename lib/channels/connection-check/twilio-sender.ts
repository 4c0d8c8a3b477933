import { z } from "zod";
import { classifyTwilioError, type TwilioSettings } from "@/lib/outbound/providers/twilio";
import { failed, malformed, parseRetryAfter, succeeded, type ProviderResult } from "@/lib/outbound/providers/result";
import { basicAuth, jsonOf, send, trimBase, type CallContext } from "@/lib/outbound/providers/transport";

/*
 * The channel's WhatsApp sender in Twilio's Senders API (outbound.md §2: `GET
 * https://messaging.twilio.com/v2/Channels/Senders`): its status and the webhook Twilio calls with
 * incoming messages, which must be this channel's message URL.
 */

const senderSchema = z.object({
  sid: z.string().optional(),
  sender_id: z.string(),
  status: z.string().optional(),
  webhook: z.object({ callback_url: z.string().nullable().optional(), status_callback_url: z.string().nullable().optional() }).partial().nullable().optional(),
});
const sendersSchema = z.object({ senders: z.array(senderSchema) });
export type TwilioSender = z.infer<typeof senderSchema>;

/** The sender `whatsapp:<from>` of the account, or not-found when the account has none such. */
export async function readTwilioSender(settings: TwilioSettings, messagingBaseUrl: string, context: CallContext): Promise<ProviderResult<TwilioSender>> {
  const url = `${trimBase(messagingBaseUrl)}/v2/Channels/Senders?Channel=whatsapp&PageSize=100`;
  const sent = await send({ method: "GET", url, headers: { authorization: basicAuth(settings.accountSid, settings.authToken) } }, settings, context);
  if (!sent.ok) return failed(sent.failure);
  const { response } = sent;
  if (response.status !== 200) {
    return failed(classifyTwilioError(response.status, jsonOf(response), parseRetryAfter(response.headers["retry-after"]), [settings.authToken]));
  }
  const parsed = sendersSchema.safeParse(jsonOf(response));
  if (!parsed.success) return failed(malformed(response.status));
  const wanted = `whatsapp:${settings.from.startsWith("+") ? settings.from : `+${settings.from}`}`;
  const sender = parsed.data.senders.find((candidate) => candidate.sender_id === wanted);
  if (!sender) return failed({ kind: "not-found", retryable: false, status: 200, message: `no WhatsApp sender ${wanted} on this account` });
  return succeeded(sender);
}
