import { canonicalApis, isApiName, type ApiName } from "./apis";

/**
 * The APIs a token is granted (RFC 6749 §3.3): the requested space-separated API names, all of
 * which the app must subscribe to, or every API of the app when no scope is requested.
 * null means invalid_scope.
 */
export function grantScope(requested: string | undefined, appApis: readonly ApiName[]): ApiName[] | null {
  const text = requested?.trim() ?? "";
  if (text === "") return canonicalApis(appApis);
  const tokens = text.split(/ +/);
  if (!tokens.every((token) => isApiName(token) && appApis.includes(token))) return null;
  return canonicalApis(tokens);
}

/** The `scope` response value. */
export function formatScope(apis: readonly ApiName[]): string {
  return apis.join(" ");
}
