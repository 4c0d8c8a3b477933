import { getTranslations } from "next-intl/server";
import { RegenerateSecretTokenButton, type RegenerateSecretTokenAction } from "./regenerate-secret-token-button";

/**
 * Telegram channels, administrators only: a new secret token, the old one accepted for the default
 * grace period (SecretGraceNotice then shows it). For the Integration tab, beside the secret token.
 */
export async function RegenerateSecretToken({ channelId, action }: { channelId: string; action: RegenerateSecretTokenAction }) {
  const t = await getTranslations("secretGrace");
  return (
    <RegenerateSecretTokenButton
      channelId={channelId}
      action={action}
      texts={{
        button: t("regenerate.button"),
        confirm: t("regenerate.confirm"),
        confirmButton: t("regenerate.confirmButton"),
        cancel: t("regenerate.cancel"),
        done: t("regenerate.done"),
        failed: t("regenerate.failed"),
        errors: { "secretGrace.errors.notTelegram": t("errors.notTelegram") },
      }}
    />
  );
}
