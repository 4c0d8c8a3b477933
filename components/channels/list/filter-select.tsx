"use client";

import { SelectOptions } from "@/components/forms/select-options";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

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
    <div className="grid min-w-40 gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} name={name} defaultValue={value ?? ""} onChange={(event) => event.currentTarget.form?.requestSubmit()}>
        <SelectOptions options={options} />
      </Select>
    </div>
  );
}
