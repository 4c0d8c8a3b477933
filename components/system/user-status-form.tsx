"use client";

import { useTranslations } from "next-intl";
import { EnabledToggle } from "@/components/forms/enabled-toggle";
import type { ActionResult } from "@/lib/guard/actions";

export function UserStatusForm({
  userId,
  disabled,
  action,
}: {
  userId: string;
  disabled: boolean;
  action: (input: { userId: string; disabled: boolean }) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations("system.users");
  const labels = { enable: t("enable"), enabling: t("enabling"), disable: t("disable"), disabling: t("disabling") };
  return <EnabledToggle disabled={disabled} labels={labels} action={(next) => action({ userId, disabled: next })} />;
}
