"use client";

import { useTranslations } from "next-intl";
import { EnabledToggle } from "@/components/forms/enabled-toggle";
import type { ActionResult } from "@/lib/guard/actions";

export function ApiAppStatusForm({
  appId,
  disabled,
  action,
}: {
  appId: string;
  disabled: boolean;
  action: (input: { appId: string; disabled: boolean }) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations("apiApps.statusCard");
  const labels = { enable: t("enable"), enabling: t("enabling"), disable: t("disable"), disabling: t("disabling") };
  return <EnabledToggle disabled={disabled} labels={labels} action={(next) => action({ appId, disabled: next })} />;
}
