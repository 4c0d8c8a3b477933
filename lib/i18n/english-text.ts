import { createTranslator } from "next-intl";
import messages from "./messages/en";

/*
 * English sentences for server answers that carry no locale (JSON error bodies). Formatted by
 * next-intl rather than by hand because inside the Next build the catalog arrives precompiled
 * (next.config.ts): a message with arguments is then icu-minify's array, not an ICU string, and
 * only use-intl's formatter reads both forms (the raw one under vitest and tsx).
 */

const t = createTranslator({
  locale: "en",
  messages,
  // A message whose argument is missing keeps its key rather than failing the error answer.
  onError: () => undefined,
});

/** A message (a string, or precompiled parts), as opposed to a namespace or nothing. */
function isMessage(key: string): boolean {
  const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof value === "string" || Array.isArray(value);
}

/** The first of `keys` that names a message in the English catalog, formatted with `values`. */
export function englishText(keys: readonly string[], values?: Record<string, string | number>): string | undefined {
  const key = keys.find(isMessage);
  // The keys are error codes from the wire, not literals the catalog's types could check.
  return key === undefined ? undefined : t(key as never, values as never);
}
