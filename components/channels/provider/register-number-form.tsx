"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { REGISTER_PIN_PATTERN } from "@/lib/channels/meta/register-budget";
import type { ActionResult } from "@/lib/guard/actions";

export type RegisterNumberAction = (input: { channelId: string; pin: string; confirmed: true }) => Promise<ActionResult<{ budget: { left: number } }>>;

/**
 * Register the number with its PIN. The tries are few (10 in 72 hours, then a 72-hour block), so
 * the button stays off until the administrator confirms, and the PIN is checked here first.
 */
export function RegisterNumberForm({ channelId, left, action }: { channelId: string; left: number; action: RegisterNumberAction }) {
  const t = useTranslations("providerTools.meta.register");
  const errorText = useErrorText();
  const router = useRouter();
  const [pin, setPin] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [pending, startTransition] = useTransition();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<{ code: string; values?: Record<string, string | number> } | null>(null);
  const [leftAfter, setLeftAfter] = useState<number | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setLeftAfter(null);
    // The same rules as the action's schema (lib/channels/meta/schemas.ts), without zod in this page's bundle.
    const problem = !REGISTER_PIN_PATTERN.test(pin.trim()) ? "providerTools.validation.pin" : !confirmed ? "providerTools.validation.confirm" : null;
    setFieldError(problem);
    if (problem) return;
    startTransition(async () => {
      const result = await action({ channelId, pin: pin.trim(), confirmed: true }).catch(() => ({ ok: false as const, error: "unexpected", values: undefined }));
      if (result.ok) {
        setLeftAfter(result.data.budget.left);
        setPin("");
        setConfirmed(false);
        router.refresh();
      } else setError({ code: result.error, values: result.values });
    });
  };

  return (
    <form className="grid max-w-md gap-3" onSubmit={submit} noValidate>
      <div className="grid gap-1">
        <Label htmlFor="register-pin">{t("pin")}</Label>
        <Input
          id="register-pin"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          value={pin}
          onChange={(event) => setPin(event.target.value)}
          aria-invalid={Boolean(fieldError)}
          aria-describedby="register-pin-help"
        />
        <p id="register-pin-help" className="text-xs text-slate-500">
          {t("pinHelp")}
        </p>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} className="mt-1" />
        <span>{t("confirm", { left })}</span>
      </label>
      {fieldError ? <p className="text-sm text-red-700">{errorText(fieldError)}</p> : null}
      <div>
        <Button type="submit" disabled={pending || left === 0}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
      <FormStatus error={error?.code ?? null} values={error?.values} success={leftAfter === null ? null : t("done", { left: leftAfter })} />
    </form>
  );
}
