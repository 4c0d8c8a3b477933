import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/api-apps/copy-button";
import { Alert } from "@/components/ui/alert";
import { hasScenarioKey, integrationTokenKind, telegramSetWebhookRequest } from "@/lib/channels/integration";
import { MASKED_VALUE, type IntegrationView } from "@/lib/channels/integration-view";
import { IntegrationValue } from "./integration-value";
import { RegisterWebhookButton, type RegisterTelegramWebhookAction } from "./register-webhook-button";
import { ScenarioKeyControl, type GenerateScenarioKeyAction } from "./scenario-key-control";
import { TEXT_GROUP } from "./text-group";

/**
 * Serialisable props: the values as integrationViewOf() prepared them for the viewer's role
 * (plain token and scenario key for tenant administrators; null / masked for support staff).
 */
export type ChannelIntegrationPanelProps = IntegrationView & {
  channelId: string;
  /** Tenant administrators: Generate / Regenerate / Register webhook. */
  canManage: boolean;
  actions?: { generateScenarioKey: GenerateScenarioKeyAction; registerTelegramWebhook: RegisterTelegramWebhookAction };
};

/**
 * The Channel Integration step: per provider, the webhook URLs, the verify / secret token and the
 * scenario key, each with a copy button and where to paste it; for Telegram, the exact setWebhook
 * request, or "Register webhook" when a bot token is stored.
 */
export async function ChannelIntegrationPanel(props: ChannelIntegrationPanelProps) {
  const { channelId, variant, urls, token, scenarioKey, hasBotToken, canManage, actions } = props;
  const t = await getTranslations("channelIntegration");
  const group = TEXT_GROUP[variant];
  const tokenKind = integrationTokenKind(variant);
  const tokenMasked = token === null;

  return (
    <div className="grid gap-5" data-testid="channel-integration">
      <p className="text-sm text-slate-700">{t(`instructions.${group}`)}</p>
      {props.insecureBaseUrl ? (
        <Alert className="border-amber-300 bg-amber-50 text-amber-900">{t("insecureBaseUrl", { base: props.insecureBaseUrl })}</Alert>
      ) : null}
      {urls.map((url) => (
        <IntegrationValue
          key={url.name}
          id={`integration-url-${url.name}`}
          testId={`integration-url-${url.name}`}
          label={t(`urls.${group}.${url.name}.label` as never)}
          hint={t(`urls.${group}.${url.name}.hint` as never)}
          value={url.url}
        />
      ))}
      {tokenKind ? (
        <IntegrationValue
          id="integration-token"
          testId="integration-token"
          label={t(`token.${tokenKind}.label`)}
          hint={tokenMasked ? t("token.maskedHint") : t(`token.${tokenKind}.hint`)}
          value={token ?? MASKED_VALUE}
          masked={tokenMasked}
        />
      ) : null}
      {hasScenarioKey(variant) ? (
        <ScenarioKeyControl
          channelId={channelId}
          value={scenarioKey}
          masked={scenarioKey === MASKED_VALUE}
          canManage={canManage}
          action={actions?.generateScenarioKey}
        />
      ) : null}
      {variant === "telegram" && urls[0] ? (
        <TelegramWebhook
          channelId={channelId}
          webhookUrl={urls[0].url}
          secretToken={token}
          canRegister={canManage && hasBotToken}
          hasBotToken={hasBotToken}
          action={actions?.registerTelegramWebhook}
        />
      ) : null}
    </div>
  );
}

async function TelegramWebhook({
  channelId,
  webhookUrl,
  secretToken,
  canRegister,
  hasBotToken,
  action,
}: {
  channelId: string;
  webhookUrl: string;
  secretToken: string | null;
  canRegister: boolean;
  hasBotToken: boolean;
  action?: RegisterTelegramWebhookAction;
}) {
  const t = await getTranslations("channelIntegration.telegram");
  // The bot token stays a placeholder: the console never shows it back, not even to administrators.
  const request = telegramSetWebhookRequest(webhookUrl, secretToken ?? "<secret-token>");
  const curl = `curl -X POST '${request.url}' -H 'Content-Type: application/json' -d '${request.body}'`;
  return (
    <section aria-labelledby="telegram-webhook-title" className="grid gap-3 rounded-md border border-slate-200 p-4">
      <h3 id="telegram-webhook-title" className="text-sm font-semibold">
        {t("title")}
      </h3>
      {canRegister && action ? (
        <>
          <p className="text-xs text-slate-600">{t("registerHint")}</p>
          <RegisterWebhookButton channelId={channelId} action={action} />
        </>
      ) : (
        <p className="text-xs text-slate-600">{hasBotToken ? t("registerByAdmin") : t("noBotToken")}</p>
      )}
      <div className="grid gap-1.5">
        <span className="text-sm font-medium">{t("manualTitle")}</span>
        <p className="text-xs text-slate-600">{t("manualHint", { placeholder: "<bot-token>" })}</p>
        <pre
          data-testid="telegram-set-webhook-request"
          className="overflow-x-auto whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs [overflow-wrap:anywhere]"
        >
          {`POST ${request.url}\nContent-Type: application/json\n\n${request.body}`}
        </pre>
        {secretToken ? (
          <div>
            <CopyButton value={curl} what={t("curlLabel")} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
