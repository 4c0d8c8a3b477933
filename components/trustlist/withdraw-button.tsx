"use client";

import { useTranslations } from "next-intl";
import { RowActionButton } from "@/components/forms/row-action-button";
import type { ActionResult } from "@/lib/guard/actions";

export type WithdrawAction = (input: { id: string }) => Promise<ActionResult<void>>;

export function WithdrawButton({ id, prefix, action }: { id: string; prefix: string; action: WithdrawAction }) {
  const t = useTranslations("trustlist.requests");
  return (
    <RowActionButton
      label={t("withdraw")}
      pendingLabel={t("withdrawing")}
      ariaLabel={t("withdrawLabel", { prefix })}
      doneText={t("withdrawn", { prefix })}
      action={() => action({ id })}
    />
  );
}
