"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";

export type ProviderAction<I> = (input: I) => Promise<ActionResult<unknown>>;

/**
 * One provider call behind a button (subscribe, check the token, remove the webhook): asks first
 * when `confirm` is given, shows progress while the provider answers, then the outcome in the
 * reader's language, and refreshes the page so the section shows the provider's new view.
 */
export function ProviderActionButton<I>({
  action,
  input,
  label,
  pendingLabel,
  success,
  confirm,
  variant = "outline",
  testId,
}: {
  action: ProviderAction<I>;
  input: I;
  label: string;
  pendingLabel: string;
  success?: string;
  confirm?: string;
  variant?: "default" | "outline" | "destructive";
  testId?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ code: string; values?: Record<string, string | number> } | null>(null);
  const [done, setDone] = useState(false);
  const run = () => {
    if (confirm && !window.confirm(confirm)) return;
    startTransition(async () => {
      setError(null);
      setDone(false);
      const result = await action(input).catch(() => ({ ok: false as const, error: "unexpected", values: undefined }));
      if (result.ok) {
        setDone(true);
        router.refresh();
      } else setError({ code: result.error, values: result.values });
    });
  };
  return (
    <div className="grid gap-2">
      <div>
        <Button type="button" variant={variant} disabled={pending} onClick={run} data-testid={testId}>
          {pending ? pendingLabel : label}
        </Button>
      </div>
      <FormStatus error={error?.code ?? null} values={error?.values} success={done ? (success ?? null) : null} />
    </div>
  );
}
