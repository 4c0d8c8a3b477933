"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/forms/use-error-text";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";

export type WithdrawAction = (input: { id: string }) => Promise<ActionResult<void>>;

export function WithdrawButton({ id, prefix, action }: { id: string; prefix: string; action: WithdrawAction }) {
  const t = useTranslations("trustlist.requests");
  const errorText = useErrorText();
  const { run, pending, error } = useActionTransition(action);
  const withdraw = () => run({ id });
  return (
    <div className="grid justify-items-start gap-1">
      <Button type="button" variant="outline" size="sm" disabled={pending} onClick={withdraw} aria-label={t("withdrawLabel", { prefix })}>
        {pending ? t("withdrawing") : t("withdraw")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorText(error)}
        </p>
      ) : null}
    </div>
  );
}
