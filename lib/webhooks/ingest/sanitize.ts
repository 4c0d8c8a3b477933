/*
 * PostgreSQL refuses U+0000 in text and in jsonb strings. A provider may legitimately send it
 * (a customer's message is arbitrary text), so it is replaced by U+FFFD before anything is stored:
 * the delivery is kept, instead of the insert failing and the provider retrying forever.
 */

const NUL = /\u0000/g;

export function withoutNul(text: string): string {
  return text.includes("\u0000") ? text.replace(NUL, "\uFFFD") : text;
}

export function optionalWithoutNul(text: string | undefined): string | null {
  return text === undefined ? null : withoutNul(text);
}

/** JSON text for a jsonb column: every string and key cleaned of U+0000. */
export function jsonWithoutNul(value: unknown): string {
  const json = JSON.stringify(value ?? null);
  // JSON.stringify writes U+0000 as the escape \u0000; only an unescaped backslash starts an escape.
  return json.includes("\\u0000") ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, "$1\\ufffd") : json;
}
