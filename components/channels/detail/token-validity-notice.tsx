import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { effectiveTokenState, type CheckedTokenStatus, type EffectiveTokenState } from "@/lib/channels/token-validity";

/**
 * cloud-api: a warning when the Meta access token expires within two weeks, has expired, or Meta
 * calls it invalid. Meta's debug_token answer (`status`) is the source; the date typed into the
 * wizard only when Meta was never asked.
 */
export async function TokenValidityNotice({ validity, status = null, now = new Date() }: { validity: unknown; status?: CheckedTokenStatus | null; now?: Date }) {
  const state = effectiveTokenState(status, validity, now);
  if (!state || state.kind === "never" || state.kind === "valid") return null;
  if (state.kind === "invalid" || state.kind === "unchecked") {
    const t = await getTranslations("providerTools.tokenNotice");
    const values = { code: state.code ?? "—", message: state.message ?? "" };
    return (
      <Alert
        variant={state.kind === "invalid" ? "destructive" : "default"}
        data-testid="token-validity-warning"
        className={state.kind === "invalid" ? "mb-6" : "mb-6 border-amber-300 bg-amber-50 text-amber-900"}
      >
        {t(state.kind, values)}
      </Alert>
    );
  }
  const dated = state as Extract<EffectiveTokenState, { expiresOn: string }>;
  const [t, format] = await Promise.all([getTranslations("channelIntegration.detail.tokenValidity"), getFormatter()]);
  const date = format.dateTime(new Date(`${dated.expiresOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const message = dated.kind === "expired" ? t("expired", { date }) : dated.daysLeft === 0 ? t("expiresToday", { date }) : t("expiring", { date });
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
