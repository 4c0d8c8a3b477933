"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { CopyButton } from "@/components/api-apps/copy-button";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";

export type GenerateScenarioKeyAction = (input: {
  channelId: string;
  confirmRegenerate?: boolean;
}) => Promise<ActionResult<{ scenarioKey: string }>>;

/**
 * The scenario key: "NO — not generated yet" with Generate beside it until there is one; Regenerate
 * asks first, because the old key stops working. The outcome is confirmed in a toast. Administrators
 * see the key itself (it comes back with the refreshed page); support staff a mask.
 */
export function ScenarioKeyControl({
  channelId,
  value,
  masked,
  canManage,
  action,
}: {
  channelId: string;
  /** null: no key yet. */
  value: string | null;
  masked: boolean;
  canManage: boolean;
  action?: GenerateScenarioKeyAction;
}) {
  const t = useTranslations("channelIntegration.scenarioKey");
  const router = useRouter();
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const generate = (confirmRegenerate: boolean) =>
    startTransition(async () => {
      if (!action) return;
      const result = await action({ channelId, confirmRegenerate }).catch(() => ({ ok: false as const, error: "unexpected" }));
      setConfirming(false);
      if (!result.ok) {
        toast.error(t("generateFailed"), { description: errorText(result.error, "values" in result ? result.values : undefined) });
        return;
      }
      toast.success(t(confirmRegenerate ? "regenerated" : "generated"));
      router.refresh();
    });

  return (
    <div className="grid gap-1.5">
      <span id="scenario-key-label" className="text-sm font-medium">
        {t("label")}
      </span>
      <div className="flex flex-wrap items-center gap-2">
        <code
          aria-labelledby="scenario-key-label"
          data-testid="scenario-key"
          className="max-w-full rounded border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs [overflow-wrap:anywhere]"
        >
          {value ?? t("none")}
        </code>
        {value === null ? <span className="text-sm text-slate-600">{t("notGenerated")}</span> : null}
        {value && !masked ? <CopyButton value={value} what={t("label")} /> : null}
        {canManage && action && value === null ? (
          <Button type="button" size="sm" disabled={pending} onClick={() => generate(false)}>
            {pending ? t("generating") : t("generate")}
          </Button>
        ) : null}
        {canManage && action && value !== null && !confirming ? (
          <Button type="button" variant="outline" size="sm" disabled={pending} onClick={() => setConfirming(true)}>
            {t("regenerate")}
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <div
          role="alertdialog"
          aria-labelledby="scenario-key-confirm-title"
          className="grid gap-3 rounded-md border border-red-200 bg-red-50 p-3"
        >
          <p id="scenario-key-confirm-title" className="text-sm text-red-900">
            {t("confirmQuestion")}
          </p>
          <div className="flex gap-2">
            <Button type="button" variant="destructive" size="sm" autoFocus disabled={pending} onClick={() => generate(true)}>
              {pending ? t("generating") : t("confirm")}
            </Button>
            <Button type="button" variant="outline" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : null}
      <p className="text-xs text-slate-600">{t("hint")}</p>
    </div>
  );
}
