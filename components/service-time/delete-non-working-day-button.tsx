"use client";

import { useTranslations } from "next-intl";
import { RowActionButton } from "@/components/forms/row-action-button";
import type { ActionResult } from "@/lib/guard/actions";

export function DeleteNonWorkingDayButton({
  id,
  label,
  action,
}: {
  id: string;
  label: string;
  action: (input: { id: string }) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations("serviceTime.days");
  return (
    <RowActionButton
      label={t("delete")}
      pendingLabel={t("deleting")}
      ariaLabel={t("deleteLabel", { label })}
      doneText={t("deleted", { label })}
      align="end"
      action={() => action({ id })}
    />
  );
}
