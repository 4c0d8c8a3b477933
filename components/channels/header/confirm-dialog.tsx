"use client";

import { useEffect, useId, useRef } from "react";
import { Button, buttonVariants } from "@/components/ui/button";

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert (so Tab
 * stays inside), Escape cancels, and closing gives focus back to the control that opened it. When
 * the confirmed action removes that control (a deleted row), `focusAfterClose` names where focus goes
 * instead of the page's start. Focus starts on Cancel: the safe answer is the one a stray Enter gives.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  pendingLabel,
  cancelLabel,
  pending = false,
  onConfirm,
  onCancel,
  focusAfterClose,
}: {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  pendingLabel: string;
  cancelLabel: string;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Asked when the dialog closes: an element to focus instead of the opener, or null for the opener. */
  focusAfterClose?: () => HTMLElement | null;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      const opener = openerRef.current;
      (focusAfterClose?.() ?? (opener?.isConnected ? opener : null))?.focus();
    }
  }, [open, focusAfterClose]);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      // Escape: the browser would close the dialog behind React's back; let the owner decide (not while pending).
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
      onKeyDown={(event) => keepTabInside(event, dialogRef.current)}
      className="w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="grid gap-4 p-5 [overflow-wrap:anywhere]">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <p id={descriptionId} className="text-sm text-slate-700">
            {description}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            {/* A plain button: the ui Button's props do not carry a ref. */}
            <button ref={cancelRef} type="button" className={buttonVariants({ variant: "outline" })} disabled={pending} onClick={onCancel}>
              {cancelLabel}
            </button>
            <Button type="button" variant="destructive" disabled={pending} aria-busy={pending} onClick={onConfirm}>
              {pending ? pendingLabel : confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}

/**
 * The rest of the page is inert, but Tab past the last button would still leave for the browser's
 * own controls; wrap around instead, so focus stays with the question until it is answered.
 */
function keepTabInside(event: React.KeyboardEvent, dialog: HTMLDialogElement | null) {
  if (event.key !== "Tab" || !dialog) return;
  const focusable = Array.from(dialog.querySelectorAll<HTMLElement>("button:not(:disabled), a[href], input:not(:disabled)"));
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
