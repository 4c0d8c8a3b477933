import { probeBsp } from "@/lib/outbound/providers/bsp";
import { probeCloudApi } from "@/lib/outbound/providers/cloud-api";
import { probeInfobip } from "@/lib/outbound/providers/infobip";
import { clientCredentialsToken } from "@/lib/outbound/providers/oauth-token";
import { redact } from "@/lib/outbound/providers/result";
import { trimBase, type CallContext } from "@/lib/outbound/providers/transport";
import { BSP_TOKEN_PATH } from "@/lib/outbound/providers/bsp";
import { probeTelegram, classifyTelegramError } from "@/lib/outbound/providers/telegram";
import { probeTwilio } from "@/lib/outbound/providers/twilio";
import { OutboundLimitError } from "@/lib/outbound/errors";
import { getWebhookInfo, TelegramApiError } from "@/lib/telegram/bot-api";
import { readSubscribedApps } from "./meta-webhook";
import { advice, failureSteps, passed, type StepRecord } from "./steps";
import { secretsOf, type CheckTarget } from "./target";
import { readTwilioSender } from "./twilio-sender";

/*
 * Credentials → the number / sender / bot → the webhook, per provider, after the transport steps
 * passed. Each answers the steps it ran; a failed one ends the list (steps.ts skips the rest).
 */

type Steps = Promise<StepRecord[]>;

const digits = (text: string | null | undefined) => (text ?? "").replace(/\D/g, "");

async function cloudApi(target: Extract<CheckTarget, { variant: "cloud-api" }>, context: CallContext): Steps {
  const probe = await probeCloudApi(target.settings, context);
  if (!probe.ok) return failureSteps(probe.failure);
  const number = probe.value;
  const details: Record<string, string> = { number: number.display_phone_number };
  if (number.verified_name) details.verifiedName = number.verified_name;
  if (number.quality_rating) details.qualityRating = number.quality_rating;
  if (number.health_status?.can_send_message) details.canSendMessage = number.health_status.can_send_message;
  const sameNumber = !target.phoneNumber || digits(number.display_phone_number) === digits(target.phoneNumber);
  const identity: StepRecord = sameNumber
    ? passed("identity", details)
    : { step: "identity", outcome: "warning", details, adviceKey: advice("identity.otherNumber") };
  const steps = [passed("credentials"), identity];
  if (!target.wabaId) return [...steps, { step: "webhook", outcome: "skipped", adviceKey: advice("webhook.metaNoWaba") }];
  const apps = await readSubscribedApps(target.settings, target.wabaId, context);
  if (!apps.ok) {
    const [first] = failureSteps(apps.failure);
    return [...steps, { ...first!, step: "webhook", adviceKey: advice("webhook.metaUnreadable") }];
  }
  const subscribed = apps.value.appIds.includes(target.appId);
  return [
    ...steps,
    subscribed
      ? passed("webhook", { app: target.appId })
      : { step: "webhook", outcome: "failed", details: { app: target.appId, subscribedApps: apps.value.appIds.join(", ") || "—" }, adviceKey: advice("webhook.metaNotSubscribed") },
  ];
}

async function twilio(target: Extract<CheckTarget, { variant: "twilio" }>, context: CallContext): Steps {
  const probe = await probeTwilio(target.settings, context);
  if (!probe.ok) return failureSteps(probe.failure);
  if (probe.value.status !== "active") {
    return [{ step: "credentials", outcome: "failed", details: { accountStatus: probe.value.status }, adviceKey: advice("credentials.accountInactive") }];
  }
  const sender = await readTwilioSender(target.settings, target.messagingBaseUrl, context);
  if (!sender.ok) return failureSteps(sender.failure);
  const status = sender.value.status ?? "";
  const details = { sender: sender.value.sender_id, ...(status ? { status } : {}) };
  const identity: StepRecord =
    !status || status.toUpperCase() === "ONLINE" ? passed("identity", details) : { step: "identity", outcome: "warning", details, adviceKey: advice("identity.senderOffline") };
  const callback = sender.value.webhook?.callback_url ?? "";
  const webhook: StepRecord =
    callback === target.webhookUrl
      ? passed("webhook", { url: callback })
      : { step: "webhook", outcome: "failed", details: { url: callback || "—", expected: target.webhookUrl }, adviceKey: advice(callback ? "webhook.otherUrl" : "webhook.noUrl") };
  return [passed("credentials"), identity, webhook];
}

async function telegram(target: Extract<CheckTarget, { variant: "telegram" }>, context: CallContext): Steps {
  const probe = await probeTelegram(target.settings, context);
  if (!probe.ok) return failureSteps(probe.failure);
  const bot = probe.value;
  const steps = [passed("credentials"), passed("identity", { bot: bot.username ? `@${bot.username}` : bot.first_name })];
  try {
    const info = await getWebhookInfo(target.settings.botToken, {
      scope: context.scope,
      timeoutMs: context.timeoutMs,
      ...(target.settings.apiBaseUrl ? { baseUrl: target.settings.apiBaseUrl } : {}),
      ...(target.settings.trustCaPem ? { ca: target.settings.trustCaPem } : {}),
      ...(target.settings.clientCert ? { clientCert: target.settings.clientCert } : {}),
    });
    if (info.url !== target.webhookUrl) {
      const details = { url: info.url || "—", expected: target.webhookUrl };
      return [...steps, { step: "webhook", outcome: "failed", details, adviceKey: advice(info.url ? "webhook.otherUrl" : "webhook.noUrl") }];
    }
    const details: Record<string, string> = { url: info.url, pendingUpdates: String(info.pending_update_count) };
    if (info.last_error_message) {
      const message = redact(info.last_error_message, secretsOf(target));
      return [...steps, { step: "webhook", outcome: "warning", details, message, adviceKey: advice("webhook.telegramLastError") }];
    }
    return [...steps, passed("webhook", details)];
  } catch (error) {
    if (error instanceof OutboundLimitError || !(error instanceof TelegramApiError)) throw error;
    const [first] = failureSteps(classifyTelegramError(error));
    return [...steps, { ...first!, step: "webhook", adviceKey: advice("webhook.telegramUnreadable") }];
  }
}

/** Infobip and the customer-built BSP have no API that tells where they deliver: said, not guessed. */
const noWebhookApi = (): StepRecord => ({ step: "webhook", outcome: "skipped", adviceKey: advice("webhook.noApi") });

function senderSteps(result: Awaited<ReturnType<typeof probeInfobip>>): StepRecord[] {
  if (!result.ok) return failureSteps(result.failure);
  const sender = result.value;
  const details: Record<string, string> = { sender: sender.sender };
  if (sender.status) details.status = sender.status;
  if (sender.qualityRating) details.qualityRating = sender.qualityRating;
  return [passed("credentials"), passed("identity", details), noWebhookApi()];
}

async function bsp(target: Extract<CheckTarget, { variant: "other-basic" | "other-oAuth" }>, context: CallContext): Steps {
  const { settings } = target;
  if (target.hasSender && settings.sender) return senderSteps(await probeBsp({ ...settings, sender: settings.sender }, context));
  // An oAuth BSP channel has no number: the token grant proves the credentials, and that is all there is to check.
  if (settings.auth.kind !== "oauth") return [passed("credentials"), { step: "identity", outcome: "skipped" }, noWebhookApi()];
  const tokenUrl = settings.auth.tokenUrl ?? `${trimBase(settings.baseUrl)}${BSP_TOKEN_PATH}`;
  const token = await clientCredentialsToken({ tokenUrl, clientId: settings.auth.clientId, clientSecret: settings.auth.clientSecret }, settings, context);
  if (!token.ok) return failureSteps(token.failure);
  return [passed("credentials"), { step: "identity", outcome: "skipped", adviceKey: advice("identity.noNumber") }, noWebhookApi()];
}

export function providerSteps(target: CheckTarget, context: CallContext): Steps {
  switch (target.variant) {
    case "cloud-api":
      return cloudApi(target, context);
    case "twilio":
      return twilio(target, context);
    case "telegram":
      return telegram(target, context);
    case "infobip":
      return probeInfobip(target.settings, context).then(senderSteps);
    default:
      return bsp(target, context);
  }
}
