/**
 * Focuses the first field in error inside `container`; for a tile group (a radiogroup in error) its
 * chosen tile, or its first one. False when nothing there is in error.
 */
export function focusFirstInvalid(container: HTMLElement): boolean {
  const invalid = container.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!invalid) return false;
  const target =
    invalid.getAttribute("role") === "radiogroup"
      ? (invalid.querySelector<HTMLElement>("input:checked:not(:disabled)") ?? invalid.querySelector<HTMLElement>("input:not(:disabled)"))
      : invalid;
  target?.focus();
  return target !== null;
}
