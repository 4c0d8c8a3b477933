/** A choice of a select: the value sent, the text shown. */
export interface Choice {
  value: string;
  label: string;
}

/** The `<option>`s of a select, in order. */
export function SelectOptions({ options }: { options: Choice[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}
