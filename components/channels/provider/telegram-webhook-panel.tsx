import { getFormatter, getTranslations } from "next-intl/server";
import { DetailList } from "@/components/console/detail-list";
import { Alert } from "@/components/ui/alert";
import type { TelegramWebhookView } from "@/lib/channels/telegram-webhook/manage";
import { ProviderActionButton, type ProviderAction } from "./provider-action-button";

/**
 * Telegram's own view of the bot's webhook (getWebhookInfo), with Remove for administrators.
 * "Register webhook" stays where it was, in the channel's integration values.
 */
export async function TelegramWebhookPanel({
  channelId,
  view,
  disallowedPort,
  removeAction,
}: {
  channelId: string;
  view: TelegramWebhookView;
  /** The port of PUBLIC_BASE_URL when Telegram would never call it. */
  disallowedPort: number | null;
  removeAction?: ProviderAction<{ channelId: string }>;
}) {
  const [t, format] = await Promise.all([getTranslations("providerTools.telegram"), getFormatter()]);
  const fromUnix = (seconds: number) => format.dateTime(new Date(seconds * 1000), { dateStyle: "medium", timeStyle: "short" });
  const portNotice = disallowedPort !== null ? <Alert className="mb-3 border-amber-300 bg-amber-50 text-amber-900">{t("portNotice", { port: disallowedPort })}</Alert> : null;
  if (!view.ok) {
    return (
      <div data-testid="telegram-webhook-panel">
        {portNotice}
        <Alert variant="destructive">{t(`failed.${view.reason}`, { message: view.message ?? "" })}</Alert>
      </div>
    );
  }
  const { info } = view;
  return (
    <div data-testid="telegram-webhook-panel" className="grid gap-3">
      {portNotice}
      {info.url === "" ? (
        <p className="text-sm text-slate-600" data-testid="telegram-webhook-url">
          {t("none")}
        </p>
      ) : (
        <DetailList
          rows={[
            { label: t("url"), value: <span className="font-mono text-xs">{info.url}</span>, testId: "telegram-webhook-url" },
            { label: t("pendingUpdates"), value: String(info.pending_update_count), testId: "telegram-pending-updates" },
            {
              label: t("lastError"),
              value: info.last_error_date ? t("lastErrorAt", { message: info.last_error_message ?? "", date: fromUnix(info.last_error_date) }) : t("noError"),
            },
            { label: t("ipAddress"), value: info.ip_address ?? "—" },
            { label: t("maxConnections"), value: info.max_connections === undefined ? "—" : String(info.max_connections) },
            { label: t("allowedUpdates"), value: info.allowed_updates?.join(", ") || t("allUpdates"), testId: "telegram-allowed-updates" },
            { label: t("customCertificate"), value: info.has_custom_certificate ? t("yes") : t("no") },
          ]}
        />
      )}
      {removeAction && info.url !== "" ? (
        <ProviderActionButton
          action={removeAction}
          input={{ channelId }}
          label={t("remove")}
          pendingLabel={t("removing")}
          success={t("removed")}
          confirm={t("confirmRemove")}
          variant="destructive"
        />
      ) : null}
    </div>
  );
}
