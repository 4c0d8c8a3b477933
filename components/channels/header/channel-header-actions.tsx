"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { CheckConnectionAction } from "@/components/channels/connection-check/connection-check-panel";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button, buttonVariants } from "@/components/ui/button";
import { LifecycleConfirmDialog, type LifecycleConfirmation } from "./lifecycle-confirm-dialog";
import { EnableToggleButton } from "./enable-toggle-button";
import { useChannelLifecycle, type ChannelLifecycleActions } from "./use-channel-lifecycle";

export type ChannelHeaderActionHandlers = ChannelLifecycleActions & { checkConnection: CheckConnectionAction };

const OUTCOME_TOAST = { passed: toast.success, warning: toast.warning, failed: toast.error } as const;

/**
 * The channel page's actions for tenant administrators: Check connection (its outcome in a toast,
 * the steps on the Integration tab), Enable / Disable (Disable confirmed, then undoable), Edit and
 * Delete (confirmed; back to the list afterwards).
 */
export function ChannelHeaderActions({
  channel,
  showCheck,
  checkDetailsHref,
  actions,
}: {
  channel: { id: string; name: string; status: "enabled" | "disabled" };
  /** Off on the Integration tab, whose connection check panel has the button beside the steps. */
  showCheck: boolean;
  checkDetailsHref: string;
  actions: ChannelHeaderActionHandlers;
}) {
  const t = useTranslations("channelList.actions");
  const th = useTranslations("channelIntegration.detail.header");
  const tc = useTranslations("connectionCheck");
  const errorText = useErrorText();
  const router = useRouter();
  const [confirming, setConfirming] = useState<LifecycleConfirmation | null>(null);
  const [checking, startCheck] = useTransition();
  const lifecycle = useChannelLifecycle(channel, actions, { onDeleted: () => router.push("/channels") });
  const enabled = channel.status === "enabled";
  const { name } = channel;

  const check = () =>
    startCheck(async () => {
      const result = await actions.checkConnection({ channelId: channel.id }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (!result.ok) {
        toast.error(th("checkFailed", { name }), { description: errorText(result.error, "values" in result ? result.values : undefined) });
        return;
      }
      OUTCOME_TOAST[result.data.outcome](th(`checkOutcome.${result.data.outcome}`, { name }), {
        action: { label: th("checkDetails"), onClick: () => router.push(checkDetailsHref) },
      });
      router.refresh();
    });

  const confirm = () =>
    lifecycle.run(async () => {
      if (confirming === "delete") await lifecycle.remove();
      else await lifecycle.setEnabled(false);
      setConfirming(null);
    });

  return (
    <div role="group" aria-label={th("actionsLabel")} className="flex flex-wrap gap-2">
      {showCheck ? (
        <Button type="button" variant="outline" disabled={checking} aria-busy={checking} onClick={check}>
          {checking ? tc("checking") : tc("check")}
        </Button>
      ) : null}
      <EnableToggleButton
        enabled={enabled}
        lifecycle={lifecycle}
        confirming={confirming}
        onAskDisable={() => setConfirming("disable")}
      />
      <Link href={`/channels/${channel.id}/edit`} className={buttonVariants({ variant: "outline" })}>
        {t("edit")}
      </Link>
      <Button type="button" variant="outline" className="text-red-700" onClick={() => setConfirming("delete")}>
        {t("delete")}
      </Button>
      <LifecycleConfirmDialog
        confirming={confirming}
        name={name}
        pending={lifecycle.pending}
        onConfirm={confirm}
        onCancel={() => setConfirming(null)}
      />
    </div>
  );
}
