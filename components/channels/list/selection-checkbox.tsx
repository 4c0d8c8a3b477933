"use client";

import { cn } from "@/lib/utils";

/**
 * A native checkbox for ticking rows. `mixed` shows the indeterminate state (some rows of the
 * page ticked), which exists only as a DOM property, so it is set through the ref.
 */
export function SelectionCheckbox({
  label,
  checked,
  mixed = false,
  onChange,
  className,
}: {
  label: string;
  checked: boolean;
  mixed?: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      ref={(element) => {
        if (element) element.indeterminate = mixed;
      }}
      onChange={(event) => onChange(event.currentTarget.checked)}
      className={cn("size-4 shrink-0 cursor-pointer accent-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600", className)}
    />
  );
}
