"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
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
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toggle = () =>
    startTransition(async () => {
      setError(null);
      const result = await action({ appId, disabled: !disabled }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (result.ok) router.refresh();
      else setError(result.error);
    });
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
