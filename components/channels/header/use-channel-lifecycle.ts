"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "sonner";
import { useErrorText } from "@/components/forms/use-error-text";
import type { ActionResult } from "@/lib/guard/actions";

export interface ChannelLifecycleActions {
  setEnabled: (input: { channelId: string; enabled: boolean }) => Promise<ActionResult<unknown>>;
  remove: (input: { channelId: string }) => Promise<ActionResult<unknown>>;
}

/** Long enough to read the notice and reach Undo with the keyboard (Alt+T focuses the notices). */
const UNDO_DURATION_MS = 12_000;

const unexpected = () => ({ ok: false as const, error: "unexpected" });

/**
 * Enable, disable and delete one channel, as the list's rows and the channel page's header both do
 * it: every outcome is confirmed in a toast (sonner's aria-live region), and Disable's toast offers
 * Undo, which enables the channel again. The caller asks for confirmation before disable / remove.
 */
export function useChannelLifecycle(
  channel: { id: string; name: string },
  actions: ChannelLifecycleActions,
  { onDeleted }: { onDeleted?: () => void } = {},
) {
  const t = useTranslations("channelList.actions");
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { name } = channel;

  const failed = (result: { error: string; values?: Record<string, string | number> }, what: "enableFailed" | "disableFailed" | "deleteFailed") => {
    toast.error(t(what, { name }), { description: errorText(result.error, result.values) });
  };

  const setEnabled = async (enabled: boolean): Promise<boolean> => {
    const result = await actions.setEnabled({ channelId: channel.id, enabled }).catch(unexpected);
    if (!result.ok) {
      failed(result, enabled ? "enableFailed" : "disableFailed");
      return false;
    }
    if (enabled) toast.success(t("enabled", { name }));
    else {
      toast.success(t("disabled", { name }), {
        duration: UNDO_DURATION_MS,
        action: { label: t("undo"), onClick: () => startTransition(async () => void (await setEnabled(true))) },
      });
    }
    router.refresh();
    return true;
  };

  const remove = async (): Promise<boolean> => {
    const result = await actions.remove({ channelId: channel.id }).catch(unexpected);
    if (!result.ok) {
      failed(result, "deleteFailed");
      return false;
    }
    toast.success(t("deleted", { name }));
    if (onDeleted) onDeleted();
    else router.refresh();
    return true;
  };

  return {
    pending,
    /** Runs inside a transition, so `pending` covers the call and the refreshed page. */
    run: (work: () => Promise<unknown>) => startTransition(async () => void (await work())),
    setEnabled,
    remove,
  };
}
