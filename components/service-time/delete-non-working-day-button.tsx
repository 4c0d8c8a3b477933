"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useErrorText } from "@/components/forms/use-error-text";
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
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const result = await action({ id }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (result.ok) router.refresh();
      else setError(result.error);
    });
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
