"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { RowActionButton } from "@/components/forms/row-action-button";
import { Button, buttonVariants } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";

export interface ChannelRowActionHandlers {
  setEnabled: (input: { channelId: string; enabled: boolean }) => Promise<ActionResult<unknown>>;
  remove: (input: { channelId: string }) => Promise<ActionResult<unknown>>;
}

/** A tenant administrator's actions on one channel: Edit, Enable / Disable, Delete after confirming. */
export function ChannelRowActions({
  channel,
  actions,
  onDeleted,
  onStart,
}: {
  channel: { id: string; name: string; status: "enabled" | "disabled" };
  actions: ChannelRowActionHandlers;
  onDeleted: () => void;
  /** Any new action clears the previous deletion notice. */
  onStart: () => void;
}) {
  const t = useTranslations("channelList.actions");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const enabled = channel.status === "enabled";
  const { name } = channel;

  const toggle = async (): Promise<ActionResult<void>> => {
    onStart();
    const result = await actions.setEnabled({ channelId: channel.id, enabled: !enabled });
    return result.ok ? { ok: true, data: undefined } : result;
  };
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const result = await actions.remove({ channelId: channel.id }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (!result.ok) return setError(result.error);
      onDeleted();
      router.refresh();
    });

  if (confirming) {
    return (
      <div role="group" aria-label={t("deleteLabel", { name })} className="ml-auto grid max-w-72 justify-items-end gap-2 [overflow-wrap:anywhere]">
        <FormStatus error={error} />
        <p className="text-sm">{t("deleteConfirm", { name })}</p>
        <div className="flex gap-2">
          <Button type="button" size="sm" variant="destructive" disabled={pending} onClick={remove}>
            {pending ? t("deleting") : t("deleteSubmit")}
          </Button>
          <Button type="button" size="sm" variant="outline" disabled={pending} onClick={() => setConfirming(false)}>
            {t("cancel")}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-start justify-end gap-1">
      <Link href={`/channels/${channel.id}/edit`} className={buttonVariants({ variant: "outline", size: "sm" })} aria-label={t("editLabel", { name })}>
        {t("edit")}
      </Link>
      <RowActionButton
        align="end"
        label={enabled ? t("disable") : t("enable")}
        pendingLabel={enabled ? t("disabling") : t("enabling")}
        ariaLabel={enabled ? t("disableLabel", { name }) : t("enableLabel", { name })}
        action={toggle}
      />
      <Button
        type="button"
        size="sm"
        variant="ghost"
        className="text-red-700"
        aria-label={t("deleteLabel", { name })}
        onClick={() => {
          onStart();
          setError(null);
          setConfirming(true);
        }}
      >
        {t("delete")}
      </Button>
    </div>
  );
}
