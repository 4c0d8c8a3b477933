import { recordAudit } from "@/db/queries/audit-log";
import { setScenarioKey } from "@/db/queries/channels";
import { getChannelIntegration, lockChannelIntegration, type ChannelIntegrationRow } from "@/db/queries/channel-integration";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { AppError, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import { outboundScope } from "@/lib/outbound/scope";
import { setWebhook, TelegramApiError } from "@/lib/telegram/bot-api";
import type { GenerateScenarioKeyInput, RegisterTelegramWebhookInput } from "@/lib/validations/channel-integration";
import { generateIntegrationToken, hasScenarioKey, publicBaseUrl, webhookUrls } from "./integration";
import { variantOfRow } from "./record";
import { telegramCertificateUpload } from "./telegram-webhook/manage";
import { channelSecretContext, decryptChannelSecret } from "./secrets";
import { moduleLog } from "@/lib/log/logger";

/*
 * The Channel Integration step's actions: generate (or regenerate) the scenario key, and register
 * a Telegram channel's webhook with its stored bot token. Keys and tokens never reach the audit
 * log or an error; the scenario key is answered once, to the administrator who generated it.
 */

const e = (key: string) => `channelIntegration.errors.${key}`;
const channelNotFound = () => notFound(e("notFound"));

/** The update kinds a Telegram channel receives; the manual setWebhook request shows the same. */
export const TELEGRAM_ALLOWED_UPDATES = ["message", "edited_message"] as const;

export async function generateScenarioKey(input: GenerateScenarioKeyInput, ctx: TenantContext): Promise<{ scenarioKey: string }> {
  const scope = { tenantId: ctx.tenantId };
  const keyring = getKeyring();
  return ctx.db.transaction(async (tx) => {
    const channel = await lockChannelIntegration(tx, scope, input.channelId);
    if (!channel) throw channelNotFound();
    if (!hasScenarioKey(variantOfRow(channel))) throw new AppError("validation", e("noScenarioKey"));
    const regenerate = channel.scenarioKey !== null;
    if (regenerate && !input.confirmRegenerate) throw new AppError("conflict", e("confirmRegenerate"));

    const scenarioKey = generateIntegrationToken();
    const ciphertext = encryptSecret(keyring, scenarioKey, channelSecretContext(channel.id, "scenarioKey"));
    if (!(await setScenarioKey(tx, scope, channel.id, ciphertext))) throw channelNotFound();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "channel.scenarioKey",
      targetType: "channel",
      targetId: channel.id,
      before: { scenarioKey: regenerate ? "set" : "none" },
      after: { scenarioKey: regenerate ? "regenerated" : "generated" },
    });
    return { scenarioKey };
  });
}

/**
 * Telegram accepts only https webhooks. TELEGRAM_ALLOW_INSECURE_WEBHOOK=1 lifts the check so tests
 * can register an http console URL with a fake Bot API; never set it for a real deployment.
 */
function webhookBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const base = publicBaseUrl(env);
  if (!base.startsWith("https://") && env.TELEGRAM_ALLOW_INSECURE_WEBHOOK !== "1") {
    throw new AppError("validation", e("telegram.publicUrlNotHttps"));
  }
  return base;
}

export async function registerTelegramWebhook(input: RegisterTelegramWebhookInput, ctx: TenantContext): Promise<{ url: string }> {
  const scope = { tenantId: ctx.tenantId };
  const channel = await getChannelIntegration(ctx.db, scope, input.channelId);
  if (!channel) throw channelNotFound();
  if (variantOfRow(channel) !== "telegram") throw new AppError("validation", e("telegram.notTelegram"));
  if (!channel.secrets.botToken) throw new AppError("validation", e("telegram.noBotToken"));
  if (channel.status !== "enabled") throw new AppError("conflict", e("telegram.channelDisabled"));

  const base = webhookBaseUrl();
  const [hook] = webhookUrls("telegram", base, channel.webhookKey);
  const { botToken, secretToken } = decryptTelegramSecrets(channel);
  const certificate = await telegramCertificateUpload(ctx.db, ctx.tenantId, channel.id, hook!.url);
  try {
    await setWebhook(
      botToken,
      { url: hook!.url, secretToken, allowedUpdates: TELEGRAM_ALLOWED_UPDATES, ...(certificate ? { certificate } : {}) },
      { scope: outboundScope(ctx.db, ctx.tenantId) },
    );
  } catch (error) {
    if (!(error instanceof TelegramApiError)) throw error;
    // Telegram's description (the token already removed) helps an operator; the admin gets the catalog text.
    moduleLog("telegram").warn({ tenantId: ctx.tenantId, channelId: channel.id, kind: error.kind, description: error.description }, "setWebhook failed");
    throw new AppError(error.kind === "unreachable" ? "unavailable" : "validation", TELEGRAM_ERROR_KEYS[error.kind]);
  }
  await recordAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.user.id,
    action: "channel.telegramWebhook",
    targetType: "channel",
    targetId: channel.id,
    after: { registered: true, publicBaseUrl: base, ...(certificate ? { certificateUploaded: true } : {}) },
  });
  return { url: hook!.url };
}

/** Telegram's own description is English only; the catalog says what to do instead. */
const TELEGRAM_ERROR_KEYS = {
  unauthorized: e("telegram.tokenRefused"),
  rejected: e("telegram.webhookRejected"),
  unreachable: e("telegram.unreachable"),
  badResponse: e("telegram.badResponse"),
} as const;

function decryptTelegramSecrets(channel: ChannelIntegrationRow): { botToken: string; secretToken: string } {
  const keyring = getKeyring();
  const botToken = decryptChannelSecret(keyring, channel, "botToken");
  if (!botToken || !channel.integrationToken) throw new AppError("validation", e("telegram.noBotToken"));
  const secretToken = decryptSecret(keyring, channel.integrationToken, channelSecretContext(channel.id, "integrationToken"));
  return { botToken, secretToken };
}
