"use client";

import { FormStatus } from "@/components/forms/form-status";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";

export interface ToggleLabels {
  enable: string;
  enabling: string;
  disable: string;
  disabling: string;
}

/** Disable / enable one thing (a user, an API app): the action receives the new `disabled` state. */
export function EnabledToggle({
  disabled,
  labels,
  action,
}: {
  disabled: boolean;
  labels: ToggleLabels;
  action: (disabled: boolean) => Promise<ActionResult<void>>;
}) {
  const { run, pending, error } = useActionTransition(action);
  const label = disabled ? (pending ? labels.enabling : labels.enable) : pending ? labels.disabling : labels.disable;
  return (
    <div className="grid gap-3">
      <FormStatus error={error} />
      <div>
        <Button type="button" variant={disabled ? "default" : "destructive"} disabled={pending} onClick={() => run(!disabled)}>
          {label}
        </Button>
      </div>
    </div>
  );
}
