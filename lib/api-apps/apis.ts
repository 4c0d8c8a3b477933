import type { ApiNameValue } from "@/db/schema/api-apps";

/**
 * The APIs an app can subscribe to, in display order. A copy of the schema's enum that the
 * browser can import without pulling in drizzle; the type checks below keep the two equal.
 */
export const API_NAMES = ["sendWhatsappMessage", "ccmessage_telegram_north", "telegram_north", "file_download"] as const;

export type ApiName = (typeof API_NAMES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatches: Same<ApiName, ApiNameValue> = true;
void schemaMatches;

export function isApiName(value: string): value is ApiName {
  return (API_NAMES as readonly string[]).includes(value);
}

/** The given APIs without repeats, in the canonical order above (stable for audit and responses). */
export function canonicalApis(apis: Iterable<string>): ApiName[] {
  const wanted = new Set(apis);
  return API_NAMES.filter((api) => wanted.has(api));
}
