import { infobipNumber, readSendersQuality, readSentText, SEND_TEXT_PATH, SENDERS_QUALITY_PATH, textMessageBody, type InfobipSender } from "./infobip-shape";
import { clientCredentialsToken, forgetToken, type ClientCredentials } from "./oauth-token";
import type { OutboundResponse } from "@/lib/outbound/request";
import { failed, type ProviderResult } from "./result";
import { basicAuth, send, trimBase, type CallContext, type ChannelTls } from "./transport";

/*
 * The customer-built BSP ("other"). No public contract exists, so the console documents one: the
 * BSP speaks Infobip's WhatsApp API (protocols.md §5: AICC's own send answers in Infobip's shape)
 * under the channel's BaseUrl —
 *   GET  <BaseUrl>/whatsapp/1/senders/quality?senders=<digits>  (the probe)
 *   POST <BaseUrl>/whatsapp/1/message/text                      (the send)
 * authenticated by HTTP Basic (UserName/Password), or for oAuth channels by a bearer token from
 * the client-credentials grant at <BaseUrl>/oauth/token unless the channel names another token URL.
 */

export type BspAuth =
  | { kind: "basic"; userName: string; password: string }
  | { kind: "oauth"; clientId: string; clientSecret: string; tokenUrl?: string };

export interface BspSettings extends ChannelTls {
  baseUrl: string;
  auth: BspAuth;
  /** The WhatsApp sender, E.164; none for an oAuth channel, whose BSP knows it from the credentials. */
  sender?: string;
}

export const BSP_TOKEN_PATH = "/oauth/token";

function credentialsOf(settings: BspSettings): ClientCredentials | null {
  const { auth } = settings;
  if (auth.kind !== "oauth") return null;
  return { tokenUrl: auth.tokenUrl ?? `${trimBase(settings.baseUrl)}${BSP_TOKEN_PATH}`, clientId: auth.clientId, clientSecret: auth.clientSecret };
}

const secretsOf = (settings: BspSettings) => (settings.auth.kind === "basic" ? [settings.auth.password] : [settings.auth.clientSecret]);

/** The Authorization header, fetching (or reusing) a token for oAuth channels. */
async function authorization(settings: BspSettings, context: CallContext): Promise<ProviderResult<{ header: string; token?: string; fromCache: boolean }>> {
  const { auth } = settings;
  if (auth.kind === "basic") return { ok: true, value: { header: basicAuth(auth.userName, auth.password), fromCache: false } };
  const token = await clientCredentialsToken(credentialsOf(settings)!, settings, context);
  if (!token.ok) return token;
  return { ok: true, value: { header: `Bearer ${token.value.token}`, token: token.value.token, fromCache: token.value.fromCache } };
}

async function call<T>(
  settings: BspSettings,
  context: CallContext,
  request: { method: "GET" | "POST"; path: string; body?: string },
  read: (response: OutboundResponse, secrets: string[]) => ProviderResult<T>,
): Promise<ProviderResult<T>> {
  for (;;) {
    const auth = await authorization(settings, context);
    if (!auth.ok) return auth;
    const sent = await send(
      {
        method: request.method,
        url: `${trimBase(settings.baseUrl)}${request.path}`,
        headers: { authorization: auth.value.header, ...(request.body ? { "content-type": "application/json" } : {}) },
        body: request.body,
      },
      settings,
      context,
    );
    if (!sent.ok) return failed(sent.failure);
    const credentials = credentialsOf(settings);
    if (credentials && sent.response.status === 401) {
      forgetToken(credentials);
      // A kept token refused before its time (revoked, or the BSP restarted): one more try with a new one.
      if (auth.value.fromCache) continue;
    }
    return read(sent.response, [...secretsOf(settings), ...(auth.value.token ? [auth.value.token] : [])]);
  }
}

/** Credentials and sender without sending. */
export function probeBsp(settings: BspSettings & { sender: string }, context: CallContext): Promise<ProviderResult<InfobipSender>> {
  const sender = infobipNumber(settings.sender);
  return call(settings, context, { method: "GET", path: `${SENDERS_QUALITY_PATH}?senders=${encodeURIComponent(sender)}` }, (response, secrets) =>
    readSendersQuality(response, sender, secrets),
  );
}

/** One text to `recipient` (E.164); answers the BSP's message id. */
export function sendBspText(
  settings: BspSettings,
  recipient: string,
  text: string,
  context: CallContext,
): Promise<ProviderResult<{ messageId: string; status?: string }>> {
  return call(settings, context, { method: "POST", path: SEND_TEXT_PATH, body: textMessageBody(settings.sender, recipient, text) }, readSentText);
}
