/*
 * PostgreSQL refuses U+0000 in text and in jsonb strings. A provider may legitimately send it
 * (a customer's message is arbitrary text), so it is replaced by U+FFFD before anything is stored:
 * the delivery is kept, instead of the insert failing and the provider retrying forever.
 */

/*
 * Lone UTF-16 surrogates (a JSON body may carry "\ud800") are replaced too: the driver's UTF-8
 * encoding would store them as U+FFFD, so an idempotency key would no longer equal the one the
 * write path compares with, and a new event would be counted as a duplicate.
 */
const MAYBE_REFUSED = /[\u0000\ud800-\udfff]/;
const REFUSED_IN_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function withoutNul(text: string): string {
  return MAYBE_REFUSED.test(text) ? text.replace(REFUSED_IN_TEXT, "\uFFFD") : text;
}

export function optionalWithoutNul(text: string | undefined): string | null {
  return text === undefined ? null : withoutNul(text);
}

/*
 * jsonb also refuses a lone UTF-16 surrogate (\ud800 with no partner), which JSON.parse accepts from a
 * body. JSON.stringify writes control characters and lone surrogates as \u escapes but a valid pair as
 * the character itself, so every \ud800–\udfff escape in its output is a lone one. Only an unescaped
 * backslash starts an escape.
 */
const REFUSED_BY_JSONB = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g;

/** JSON text for a jsonb column: every string and key cleaned of U+0000 and lone surrogates. */
export function jsonWithoutNul(value: unknown): string {
  const json = JSON.stringify(value ?? null);
  return json.includes("\\u") ? json.replace(REFUSED_BY_JSONB, "$1\\ufffd") : json;
}
