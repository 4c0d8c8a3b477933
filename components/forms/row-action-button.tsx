"use client";

import { toast } from "sonner";
import { useErrorText } from "@/components/forms/use-error-text";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import type { ActionResult } from "@/lib/guard/actions";

/**
 * A one-click action on a table row (delete, withdraw), with its error shown under the button; the
 * row leaves the page on success, so the success is said in a toast (sonner's live region).
 */
export function RowActionButton({
  label,
  pendingLabel,
  ariaLabel,
  doneText,
  align = "start",
  action,
}: {
  label: string;
  pendingLabel: string;
  ariaLabel: string;
  /** What the toast says once it worked, e.g. "Request for https://… withdrawn." */
  doneText: string;
  align?: "start" | "end";
  action: () => Promise<ActionResult<void>>;
}) {
  const errorText = useErrorText();
  const { run, pending, error } = useActionTransition(action, () => toast.success(doneText));
  return (
    <div className={cn("grid gap-1", align === "end" ? "justify-items-end" : "justify-items-start")}>
      <Button type="button" variant="outline" size="sm" disabled={pending} onClick={() => run(undefined)} aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorText(error)}
        </p>
      ) : null}
    </div>
  );
}
