"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";

export type RegisterTelegramWebhookAction = (input: { channelId: string }) => Promise<ActionResult<{ url: string }>>;

/** "Register webhook": the console calls setWebhook with the stored bot token, and says how it went. */
export function RegisterWebhookButton({ channelId, action }: { channelId: string; action: RegisterTelegramWebhookAction }) {
  const t = useTranslations("channelIntegration.telegram");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [registeredUrl, setRegisteredUrl] = useState<string | null>(null);
  const register = () =>
    startTransition(async () => {
      setError(null);
      setRegisteredUrl(null);
      const result = await action({ channelId }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (result.ok) {
        setRegisteredUrl(result.data.url);
        // The page's Provider section then shows Telegram's view of the new webhook.
        router.refresh();
      } else setError(result.error);
    });
  return (
    <div className="grid gap-2">
      <div>
        <Button type="button" disabled={pending} onClick={register}>
          {pending ? t("registering") : t("register")}
        </Button>
      </div>
      <FormStatus error={error} success={registeredUrl ? t("registered", { url: registeredUrl }) : null} />
    </div>
  );
}
