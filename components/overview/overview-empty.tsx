import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";

/**
 * A tenant without channels: what the page will show once there are some, and the way there —
 * Create channel for administrators, the channel list for support staff. Never a dead end.
 */
export async function OverviewEmpty({ canCreate }: { canCreate: boolean }) {
  const t = await getTranslations("overview.empty");
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center sm:p-10" data-testid="overview-empty">
      <h2 className="text-base font-semibold">{t("title")}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{canCreate ? t("admin") : t("support")}</p>
      <div className="mt-4">
        {canCreate ? (
          <Link href="/channels/new" className={buttonVariants()}>
            {t("create")}
          </Link>
        ) : (
          <Link href="/channels" className={buttonVariants({ variant: "outline" })}>
            {t("channels")}
          </Link>
        )}
      </div>
    </div>
  );
}
