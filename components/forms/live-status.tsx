import type { ReactNode } from "react";
import { alertVariants } from "@/components/ui/alert";
import { cn } from "@/lib/utils";

/**
 * A polite live region (role="status") that is in the page before anything is said in it, so a
 * screen reader announces the text the moment it appears (a region inserted together with its
 * text is often missed). Empty, it is taken out of the layout, not out of the accessibility tree.
 * The house rule for outcomes: success here, in place; errors as role="alert"; and a toast as well
 * when the thing acted on leaves the page (a deleted row, a closed panel).
 */
export function LiveStatus({ children, className, ...props }: { children?: ReactNode; className?: string; "data-testid"?: string }) {
  const said = children !== null && children !== undefined && children !== false && children !== "";
  return (
    <div role="status" className={said ? cn(alertVariants({ variant: "success" }), className) : "absolute"} {...props}>
      {said ? children : null}
    </div>
  );
}
