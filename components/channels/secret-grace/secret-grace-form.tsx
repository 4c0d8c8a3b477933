"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { DEFAULT_GRACE_PERIOD, GRACE_PERIODS, type GracePeriod } from "@/lib/channels/secret-grace-periods";
import type { ActionResult } from "@/lib/guard/actions";
import type { SecretGraceInput } from "@/lib/validations/secret-grace";

export type ChangeSecretGraceAction = (input: SecretGraceInput) => Promise<ActionResult<{ until: string | null }>>;

export interface SecretGraceTexts {
  endNow: string;
  periodLabel: string;
  setPeriod: string;
  periods: Record<GracePeriod, string>;
  ended: string;
  changed: string;
  failed: string;
  /** This form's own error codes, already in the reader's language (the page's catalogs need not carry them). */
  errors: Record<string, string>;
}

/** End the grace period now, or let it run for a chosen period from now; each outcome is confirmed in a toast. */
export function SecretGraceForm({ channelId, action, texts }: { channelId: string; action: ChangeSecretGraceAction; texts: SecretGraceTexts }) {
  const router = useRouter();
  const errorText = useErrorText();
  const selectId = useId();
  const [period, setPeriod] = useState<GracePeriod>(DEFAULT_GRACE_PERIOD);
  const [pending, startTransition] = useTransition();

  const run = (input: SecretGraceInput) =>
    startTransition(async () => {
      const result = await action(input).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (!result.ok) {
        toast.error(texts.failed, { description: texts.errors[result.error] ?? errorText(result.error) });
        router.refresh();
        return;
      }
      toast.success(input.action === "end" ? texts.ended : texts.changed);
      router.refresh();
    });

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Button type="button" variant="outline" disabled={pending} onClick={() => run({ channelId, action: "end" })}>
        {texts.endNow}
      </Button>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          run({ channelId, action: "extend", period });
        }}
      >
        <span className="grid gap-1">
          <label htmlFor={selectId} className="text-xs font-medium">
            {texts.periodLabel}
          </label>
          <Select id={selectId} name="period" value={period} onChange={(event) => setPeriod(event.target.value as GracePeriod)} className="w-auto min-w-40">
            {GRACE_PERIODS.map((option) => (
              <option key={option} value={option}>
                {texts.periods[option]}
              </option>
            ))}
          </Select>
        </span>
        <Button type="submit" variant="outline" disabled={pending}>
          {texts.setPeriod}
        </Button>
      </form>
    </div>
  );
}
