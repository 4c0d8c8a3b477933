"use client";

import { useTranslations } from "next-intl";
import { FormStatus } from "@/components/forms/form-status";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { Button } from "@/components/ui/button";
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
  const { run, pending, error } = useActionTransition(action);
  const toggle = () => run({ appId, disabled: !disabled });
  const label = disabled ? (pending ? t("enabling") : t("enable")) : pending ? t("disabling") : t("disable");
  return (
    <div className="grid gap-3">
      <FormStatus error={error} />
      <div>
        <Button type="button" variant={disabled ? "default" : "destructive"} disabled={pending} onClick={toggle}>
          {label}
        </Button>
      </div>
    </div>
  );
}
