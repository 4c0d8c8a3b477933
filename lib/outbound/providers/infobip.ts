import { infobipNumber, readSendersQuality, readSentText, SEND_TEXT_PATH, SENDERS_QUALITY_PATH, textMessageBody, type InfobipSender } from "./infobip-shape";
import type { ProviderResult } from "./result";
import { failed } from "./result";
import { send, trimBase, type CallContext, type ChannelTls } from "./transport";

/*
 * Infobip (outbound.md §3): the account's own base URL, `Authorization: App <API key>` (Infobip's
 * recommended scheme; the channel's AccountKey). The key travels in that header only.
 */

export interface InfobipSettings extends ChannelTls {
  /** The account's base URL, e.g. https://xxxxx.api.infobip.com. */
  baseUrl: string;
  /** The API key (the channel's AccountKey). */
  apiKey: string;
  /** The WhatsApp sender, E.164. */
  sender: string;
}

const authorization = (settings: InfobipSettings) => ({ authorization: `App ${settings.apiKey}` });

/** Credentials and sender without sending: the sender's quality, which Infobip lists only for the key's own senders. */
export async function probeInfobip(settings: InfobipSettings, context: CallContext): Promise<ProviderResult<InfobipSender>> {
  const sender = infobipNumber(settings.sender);
  const url = `${trimBase(settings.baseUrl)}${SENDERS_QUALITY_PATH}?senders=${encodeURIComponent(sender)}`;
  const sent = await send({ method: "GET", url, headers: authorization(settings) }, settings, context);
  if (!sent.ok) return failed(sent.failure);
  return readSendersQuality(sent.response, sender, [settings.apiKey]);
}

/** One text to `recipient` (E.164); the answer's message id is what Infobip's reports carry. */
export async function sendInfobipText(
  settings: InfobipSettings,
  recipient: string,
  text: string,
  context: CallContext,
  /** Sent as Infobip's `messageId`: a repeated request with the same id is the same message. */
  clientMessageId?: string,
): Promise<ProviderResult<{ messageId: string; status?: string }>> {
  const sent = await send(
    {
      method: "POST",
      url: `${trimBase(settings.baseUrl)}${SEND_TEXT_PATH}`,
      headers: { ...authorization(settings), "content-type": "application/json" },
      body: textMessageBody(settings.sender, recipient, text, clientMessageId),
    },
    settings,
    context,
  );
  if (!sent.ok) return failed(sent.failure);
  return readSentText(sent.response, [settings.apiKey]);
}
