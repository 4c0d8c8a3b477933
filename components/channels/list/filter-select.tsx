"use client";

import { SelectOptions } from "@/components/forms/select-options";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

/**
 * The filter that last applied itself. The form is re-created for the new search (it is keyed by
 * it), which would drop a keyboard user's focus at the page's start; the new select takes it back.
 */
let refocus: { id: string; from: HTMLSelectElement } | null = null;

/** A filter of the list's GET form that applies itself when changed (the form's button does without JavaScript). */
export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div
      className="grid min-w-40 gap-1.5"
      ref={(element) => {
        const select = element?.querySelector("select");
        // Only the new form's select: a re-render of the one that submitted must not use up the request.
        if (select && refocus?.id === id && refocus.from !== select) {
          refocus = null;
          select.focus();
        }
      }}
    >
      <Label htmlFor={id}>{label}</Label>
      <Select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        onChange={(event) => {
          refocus = { id, from: event.currentTarget };
          event.currentTarget.form?.requestSubmit();
        }}
      >
        <SelectOptions options={options} />
      </Select>
    </div>
  );
}
