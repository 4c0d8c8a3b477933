import { getTranslations } from "next-intl/server";
import { isWebhookReason } from "@/lib/webhooks/reasons";

/**
 * A rejection reason code in words, from the catalog the channel's activity log uses, so the
 * Overview and the log never word the same refusal twice.
 */
export async function reasonText(): Promise<(reason: string | null) => string> {
  const t = await getTranslations("channelActivity.reasons");
  return (reason) => (reason && isWebhookReason(reason) ? t(reason) : t("other", { code: reason ?? "—" }));
}
