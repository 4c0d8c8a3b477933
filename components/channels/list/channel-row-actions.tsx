"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { LifecycleConfirmDialog, type LifecycleConfirmation } from "@/components/channels/header/lifecycle-confirm-dialog";
import { EnableToggleButton } from "@/components/channels/header/enable-toggle-button";
import { useChannelLifecycle, type ChannelLifecycleActions } from "@/components/channels/header/use-channel-lifecycle";
import { Button, buttonVariants } from "@/components/ui/button";

export type ChannelRowActionHandlers = ChannelLifecycleActions;

/**
 * A tenant administrator's actions on one channel: Edit, Enable, and Disable / Delete after
 * confirming in a dialog. Outcomes are confirmed in toasts; Disable's offers Undo.
 */
export function ChannelRowActions({
  channel,
  actions,
  focusAfterDelete,
}: {
  channel: { id: string; name: string; status: "enabled" | "disabled" };
  actions: ChannelRowActionHandlers;
  /** Where focus goes once this row is deleted (its buttons go with it). */
  focusAfterDelete: () => HTMLElement | null;
}) {
  const t = useTranslations("channelList.actions");
  const [confirming, setConfirming] = useState<LifecycleConfirmation | null>(null);
  const deleted = useRef(false);
  const lifecycle = useChannelLifecycle(channel, actions);
  const enabled = channel.status === "enabled";
  const { name } = channel;

  const confirm = () =>
    lifecycle.run(async () => {
      deleted.current = confirming === "delete" && (await lifecycle.remove());
      if (confirming === "disable") await lifecycle.setEnabled(false);
      setConfirming(null);
    });

  return (
    <div className="flex flex-wrap items-start justify-end gap-1">
      <Link href={`/channels/${channel.id}/edit`} className={buttonVariants({ variant: "outline", size: "sm" })} aria-label={t("editLabel", { name })}>
        {t("edit")}
      </Link>
      <EnableToggleButton
        enabled={enabled}
        lifecycle={lifecycle}
        confirming={confirming}
        onAskDisable={() => setConfirming("disable")}
        size="sm"
        aria-label={enabled ? t("disableLabel", { name }) : t("enableLabel", { name })}
      />
      <Button type="button" size="sm" variant="ghost" className="text-red-700" aria-label={t("deleteLabel", { name })} onClick={() => setConfirming("delete")}>
        {t("delete")}
      </Button>
      <LifecycleConfirmDialog
        confirming={confirming}
        name={name}
        pending={lifecycle.pending}
        onConfirm={confirm}
        onCancel={() => setConfirming(null)}
        focusAfterClose={() => (deleted.current ? focusAfterDelete() : null)}
      />
    </div>
  );
}
