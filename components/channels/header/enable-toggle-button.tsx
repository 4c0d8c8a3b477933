"use client";

import { useTranslations } from "next-intl";
import { Button, type ButtonProps } from "@/components/ui/button";
import type { LifecycleConfirmation } from "./lifecycle-confirm-dialog";
import type { useChannelLifecycle } from "./use-channel-lifecycle";

/**
 * Enable or Disable one channel, in its page's header and in the list row alike: Enable acts at
 * once, Disable asks first (`onAskDisable` opens the confirmation).
 */
export function EnableToggleButton({
  enabled,
  lifecycle,
  confirming,
  onAskDisable,
  ...buttonProps
}: {
  enabled: boolean;
  lifecycle: ReturnType<typeof useChannelLifecycle>;
  confirming: LifecycleConfirmation | null;
  onAskDisable: () => void;
} & Pick<ButtonProps, "size" | "aria-label">) {
  const t = useTranslations("channelList.actions");
  return (
    <Button
      type="button"
      variant="outline"
      {...buttonProps}
      // Not `disabled`: focus comes back here when the confirmation closes, and a disabled button cannot take it.
      aria-disabled={lifecycle.pending || undefined}
      onClick={() => {
        if (lifecycle.pending) return;
        if (enabled) onAskDisable();
        else lifecycle.run(() => lifecycle.setEnabled(true));
      }}
    >
      {lifecycle.pending && !confirming ? (enabled ? t("disabling") : t("enabling")) : enabled ? t("disable") : t("enable")}
    </Button>
  );
}
