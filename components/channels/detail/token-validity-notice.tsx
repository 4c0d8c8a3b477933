import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { tokenValidityState } from "@/lib/channels/token-validity";

/** cloud-api: a warning when the Meta access token expires within two weeks, or has expired. */
export async function TokenValidityNotice({ validity, now = new Date() }: { validity: unknown; now?: Date }) {
  const state = tokenValidityState(validity, now);
  if (!state || state.kind === "never" || state.kind === "valid") return null;
  const [t, format] = await Promise.all([getTranslations("channelIntegration.detail.tokenValidity"), getFormatter()]);
  const date = format.dateTime(new Date(`${state.expiresOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const message = state.kind === "expired" ? t("expired", { date }) : state.daysLeft === 0 ? t("expiresToday", { date }) : t("expiring", { date });
  return (
    <Alert
      variant={state.kind === "expired" ? "destructive" : "default"}
      data-testid="token-validity-warning"
      className={state.kind === "expired" ? "mb-6" : "mb-6 border-amber-300 bg-amber-50 text-amber-900"}
    >
      {message}
    </Alert>
  );
}
