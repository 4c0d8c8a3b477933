import type { Db } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import { getCertificate } from "@/db/queries/certificates";
import { getProviderToolsChannel, type ProviderToolsChannel } from "@/db/queries/provider-tools";
import { getKeyring } from "@/lib/crypto/keyring";
import { AppError, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import { outboundScope } from "@/lib/outbound/scope";
import { deleteWebhook, getWebhookInfo, TelegramApiError, type WebhookInfo } from "@/lib/telegram/bot-api";
import { decryptChannelSecret } from "../secrets";
import { certificateUploadFor } from "./certificate";

/*
 * Telegram webhook management on the channel page (issue 15, item 6), beside "Register webhook"
 * (lib/channels/integration-setup.ts): the self-signed certificate to upload with setWebhook,
 * Remove (deleteWebhook), and Telegram's own view (getWebhookInfo). The bot token is decrypted
 * for the call only; Telegram's descriptions are shown with the token cut out (lib/telegram).
 */

const e = (key: string) => `providerTools.errors.${key}`;

async function telegramChannel(db: Db, tenantId: string, channelId: string): Promise<ProviderToolsChannel> {
  const channel = await getProviderToolsChannel(db, { tenantId }, channelId);
  if (!channel) throw notFound(e("notFound"));
  if (channel.provider !== "telegram") throw new AppError("validation", e("notTelegram"));
  return channel;
}

function botTokenOf(channel: ProviderToolsChannel): string {
  const token = decryptChannelSecret(getKeyring(), channel, "botToken");
  if (!token) throw new AppError("validation", e("noBotToken"));
  return token;
}

/** Telegram's refusal as the admin sees it: its own words (token removed), or "could not be reached". */
export function telegramRefusal(error: unknown): never {
  if (!(error instanceof TelegramApiError)) throw error;
  if (error.kind === "unreachable") throw new AppError("unavailable", e("telegramUnreachable"));
  if (error.kind === "unauthorized") throw new AppError("validation", e("telegramTokenRefused"));
  throw new AppError("validation", e("telegramRefused"), undefined, { code: error.errorCode ?? 0, message: error.description ?? "" });
}

/**
 * The certificate to upload with setWebhook for `webhookUrl`: the channel's identity certificate
 * when the URL is an IPv4 address and the certificate is self-signed, after Telegram's rules are
 * checked (one certificate, no key, the IP in CN or SAN, valid now, an allowed port).
 */
export async function telegramCertificateUpload(db: Db, tenantId: string, channelId: string, webhookUrl: string): Promise<string | undefined> {
  const channel = await getProviderToolsChannel(db, { tenantId }, channelId);
  const certificate = channel?.identityCertificateId ? await getCertificate(db, { tenantId }, channel.identityCertificateId) : null;
  // Only the leaf: the stored chain may carry CA certificates, which Telegram does not want.
  const answer = certificateUploadFor(webhookUrl, certificate ? leafOf(certificate.chainPem) : null);
  if ("problem" in answer) throw new AppError("validation", e(`certificate.${answer.problem}`), undefined, answer.port ? { port: answer.port } : undefined);
  return answer.upload ? answer.pem : undefined;
}

function leafOf(chainPem: string): string {
  const end = "-----END CERTIFICATE-----";
  const at = chainPem.indexOf(end);
  return at < 0 ? chainPem : `${chainPem.slice(0, at + end.length)}\n`;
}

export async function removeTelegramWebhook(input: { channelId: string }, ctx: TenantContext): Promise<{ removed: true }> {
  const channel = await telegramChannel(ctx.db, ctx.tenantId, input.channelId);
  try {
    await deleteWebhook(botTokenOf(channel), { scope: outboundScope(ctx.db, ctx.tenantId) });
  } catch (error) {
    telegramRefusal(error);
  }
  await recordAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.user.id,
    action: "channel.telegramWebhookRemoved",
    targetType: "channel",
    targetId: channel.id,
    after: { registered: false },
  });
  return { removed: true };
}

export type TelegramWebhookView = { ok: true; info: WebhookInfo } | { ok: false; reason: "noBotToken" | "unreachable" | "tokenRefused" | "refused"; message?: string };

/** Telegram's view of the bot's webhook, for the channel page; a failure is shown, never thrown. */
export async function loadTelegramWebhookView(db: Db, tenantId: string, channelId: string): Promise<TelegramWebhookView> {
  const channel = await telegramChannel(db, tenantId, channelId);
  const token = decryptChannelSecret(getKeyring(), channel, "botToken");
  if (!token) return { ok: false, reason: "noBotToken" };
  try {
    return { ok: true, info: await getWebhookInfo(token, { scope: outboundScope(db, tenantId) }) };
  } catch (error) {
    if (!(error instanceof TelegramApiError)) throw error;
    if (error.kind === "unauthorized") return { ok: false, reason: "tokenRefused" };
    if (error.kind === "rejected") return { ok: false, reason: "refused", message: error.description };
    return { ok: false, reason: "unreachable" };
  }
}
