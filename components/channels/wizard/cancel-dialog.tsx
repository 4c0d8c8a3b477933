"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/*
 * Cancel asks before leaving: keep the draft for later, or discard it. A native modal <dialog>:
 * focus moves inside, Escape closes it, and focus goes back to Cancel.
 */

interface Props {
  open: boolean;
  onClose: () => void;
  onKeep: () => Promise<void>;
  onDiscard: () => Promise<void>;
}

export function CancelDialog({ open, onClose, onKeep, onDiscard }: Props) {
  const t = useTranslations("channelWizard.cancel");
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<"keep" | "discard" | null>(null);
  // What had focus when the dialog opened (Cancel): it gets it back when the dialog closes.
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const leave = async (choice: "keep" | "discard") => {
    setPending(choice);
    try {
      await (choice === "keep" ? onKeep() : onDiscard());
    } catch {
      setPending(null);
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="wizard-cancel-title"
      aria-describedby="wizard-cancel-text"
      data-testid="wizard-cancel-dialog"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      onClose={() => {
        onClose();
        opener.current?.focus();
      }}
    >
      <div className="grid gap-4 p-5">
        <h2 id="wizard-cancel-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p id="wizard-cancel-text" className="text-sm text-slate-600">
          {t("text")}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button type="button" autoFocus disabled={pending !== null} onClick={() => void leave("keep")}>
            {pending === "keep" ? t("leaving") : t("keep")}
          </Button>
          <Button type="button" variant="destructive" disabled={pending !== null} onClick={() => void leave("discard")}>
            {pending === "discard" ? t("leaving") : t("discard")}
          </Button>
          <Button type="button" variant="outline" disabled={pending !== null} onClick={() => dialog.current?.close()}>
            {t("stay")}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
