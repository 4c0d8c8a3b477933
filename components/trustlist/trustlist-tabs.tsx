import { getTranslations } from "next-intl/server";
import { SectionNav } from "@/components/console/section-nav";

/** The two views of the trustlist: the tenant's requests (or, for system administrators, the pending ones) and the approved prefixes. */
export async function TrustlistTabs({ base }: { base: "/settings/trustlist" | "/system/trustlist" }) {
  const t = await getTranslations("trustlist");
  const items = [
    { href: base, label: base === "/system/trustlist" ? t("tabs.pending") : t("tabs.requests") },
    { href: `${base}/approved`, label: t("tabs.approved") },
  ];
  return <SectionNav items={items} label={t("tabsLabel")} />;
}
