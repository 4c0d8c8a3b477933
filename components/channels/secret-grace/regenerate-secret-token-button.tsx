"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";

export type RegenerateSecretTokenAction = (input: { channelId: string }) => Promise<ActionResult<{ until: string }>>;

interface Texts {
  button: string;
  confirm: string;
  confirmButton: string;
  cancel: string;
  done: string;
  failed: string;
  errors: Record<string, string>;
}

/** Asks first (Telegram keeps the old token until the webhook is registered again), then confirms in a toast. */
export function RegenerateSecretTokenButton({ channelId, action, texts }: { channelId: string; action: RegenerateSecretTokenAction; texts: Texts }) {
  const router = useRouter();
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const regenerate = () =>
    startTransition(async () => {
      const result = await action({ channelId }).catch(() => ({ ok: false as const, error: "unexpected" }));
      setConfirming(false);
      if (!result.ok) {
        toast.error(texts.failed, { description: texts.errors[result.error] ?? errorText(result.error) });
        return;
      }
      toast.success(texts.done);
      router.refresh();
    });

  if (!confirming) {
    return (
      <Button type="button" variant="outline" size="sm" onClick={() => setConfirming(true)}>
        {texts.button}
      </Button>
    );
  }
  return (
    <div role="group" aria-label={texts.button} className="flex flex-wrap items-center gap-2 text-sm">
      <p>{texts.confirm}</p>
      <Button type="button" size="sm" disabled={pending} onClick={regenerate}>
        {texts.confirmButton}
      </Button>
      <Button type="button" variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
        {texts.cancel}
      </Button>
    </div>
  );
}
