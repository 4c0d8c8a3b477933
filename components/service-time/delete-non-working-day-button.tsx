"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/forms/use-error-text";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { Button } from "@/components/ui/button";
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
  const errorText = useErrorText();
  const { run, pending, error } = useActionTransition(action);
  const remove = () => run({ id });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button type="button" variant="outline" size="sm" disabled={pending} onClick={remove} aria-label={t("deleteLabel", { label })}>
        {pending ? t("deleting") : t("delete")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorText(error)}
        </p>
      ) : null}
    </div>
  );
}
