"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";
import { SecretReveal } from "./secret-reveal";

type Step = { kind: "idle" } | { kind: "confirm" } | { kind: "revealed"; appKey: string; appSecret: string };

/** Rotate → confirm → the new secret, shown once. */
export function RotateSecretForm({
  app,
  action,
}: {
  app: { id: string; name: string };
  action: (input: { appId: string }) => Promise<ActionResult<{ appKey: string; appSecret: string }>>;
}) {
  const t = useTranslations("apiApps");
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const rotate = () =>
    startTransition(async () => {
      setError(null);
      const result = await action({ appId: app.id }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setStep({ kind: "revealed", ...result.data });
      router.refresh();
    });

  if (step.kind === "revealed") {
    return (
      <SecretReveal
        title={t("reveal.rotatedTitle", { name: app.name })}
        appKey={step.appKey}
        appSecret={step.appSecret}
        onDone={() => setStep({ kind: "idle" })}
      />
    );
  }
  return (
    <div className="grid gap-3">
      <FormStatus error={error} />
      {step.kind === "confirm" ? (
        <div role="group" aria-label={t("rotate.title")} className="grid gap-3 rounded-md border border-red-200 bg-red-50 p-3">
          <p className="text-sm text-red-900">{t("rotate.confirmQuestion", { name: app.name })}</p>
          <div className="flex gap-2">
            <Button type="button" variant="destructive" disabled={pending} onClick={rotate}>
              {pending ? t("rotate.rotating") : t("rotate.confirm")}
            </Button>
            <Button type="button" variant="outline" disabled={pending} onClick={() => setStep({ kind: "idle" })}>
              {t("rotate.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <Button type="button" variant="outline" onClick={() => setStep({ kind: "confirm" })}>
            {t("rotate.start")}
          </Button>
        </div>
      )}
    </div>
  );
}
