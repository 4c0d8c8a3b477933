import { getFormatter, getTranslations } from "next-intl/server";
import { GRACE_PERIODS } from "@/lib/channels/secret-grace-periods";
import { loadSecretGrace } from "@/lib/channels/secret-grace-view";
import { SecretGraceForm, type ChangeSecretGraceAction } from "./secret-grace-form";

/**
 * "The previous App Secret is still accepted until …", with End now and the choice of a new
 * deadline for administrators; nothing when no grace period is running. Read by tenant: another
 * tenant's channel id shows nothing. The secret's value never leaves the server, only its name.
 */
export async function SecretGraceNotice({
  channelId,
  tenantId,
  action,
}: {
  channelId: string;
  tenantId: string;
  /** The page's server action for administrators; without it (support staff) the notice only reads. */
  action?: ChangeSecretGraceAction;
}) {
  const grace = await loadSecretGrace(tenantId, channelId);
  if (!grace) return null;
  const [t, format] = await Promise.all([getTranslations("secretGrace"), getFormatter()]);
  const secret = t(`secrets.${grace.field}`);
  const time = format.dateTime(grace.until, { dateStyle: "medium", timeStyle: "short", timeZone: grace.timeZone });
  return (
    <section data-testid="secret-grace" data-until={grace.until.toISOString()} aria-labelledby="secret-grace-title" className="grid gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <h3 id="secret-grace-title" className="font-semibold">
        {t("title")}
      </h3>
      <p>{t("notice", { secret, time })}</p>
      <p className="text-amber-900">{t("explanation")}</p>
      {action ? (
        <SecretGraceForm
          channelId={channelId}
          action={action}
          texts={{
            endNow: t("endNow"),
            periodLabel: t("periodLabel"),
            setPeriod: t("setPeriod"),
            periods: Object.fromEntries(GRACE_PERIODS.map((period) => [period, t(`periods.${period}`)])) as Record<(typeof GRACE_PERIODS)[number], string>,
            ended: t("toasts.ended", { secret }),
            changed: t("toasts.changed", { secret }),
            failed: t("toasts.failed"),
            errors: { "secretGrace.errors.noGrace": t("errors.noGrace"), "secretGrace.errors.period": t("errors.period") },
          }}
        />
      ) : null}
    </section>
  );
}
