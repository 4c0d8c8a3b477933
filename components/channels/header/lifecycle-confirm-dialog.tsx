"use client";

import { useTranslations } from "next-intl";
import { ConfirmDialog } from "./confirm-dialog";

export type LifecycleConfirmation = "disable" | "delete";

/** The question before disabling or deleting one channel, asked alike from its page's header and from the list. */
export function LifecycleConfirmDialog({
  confirming,
  name,
  pending,
  onConfirm,
  onCancel,
  focusAfterClose,
}: {
  /** Which question is open, or null when none is. */
  confirming: LifecycleConfirmation | null;
  name: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  focusAfterClose?: () => HTMLElement | null;
}) {
  const t = useTranslations("channelList.actions");
  const deleting = confirming === "delete";
  return (
    <ConfirmDialog
      open={confirming !== null}
      title={deleting ? t("deleteTitle", { name }) : t("disableTitle", { name })}
      description={deleting ? t("deleteConfirm", { name }) : t("disableConfirm")}
      confirmLabel={deleting ? t("deleteSubmit") : t("disableSubmit")}
      pendingLabel={deleting ? t("deleting") : t("disabling")}
      cancelLabel={t("cancel")}
      pending={pending}
      onConfirm={onConfirm}
      onCancel={onCancel}
      focusAfterClose={focusAfterClose}
    />
  );
}
