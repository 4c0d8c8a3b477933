/*
 * Cookie-authenticated route handlers that change something take JSON from the console's own pages
 * only. A cross-site page can make the browser send the session cookie with a form post or a
 * "simple" fetch (text/plain, no preflight); requiring application/json forces a preflight that a
 * cross-site caller fails, and the Sec-Fetch-Site / Origin checks refuse it even before that.
 * Scripts and curl send neither header and need no cookie protection: they hold the cookie themselves.
 */

export type CrossSiteRefusal = "crossOrigin" | "unsupportedMediaType";

/** Why this request may not reach a cookie-authenticated JSON route, or null when it may. */
export function crossSiteRefusal(request: Request, options: { publicBaseUrl?: string } = {}): CrossSiteRefusal | null {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return "crossOrigin";
  const origin = request.headers.get("origin");
  if (origin !== null && !consoleOrigins(request, options.publicBaseUrl).has(normalizedOrigin(origin) ?? "")) return "crossOrigin";
  if (!isJson(request.headers.get("content-type"))) return "unsupportedMediaType";
  return null;
}

/** The console's own origin as this request reached it (behind a proxy: as the proxy says), and PUBLIC_BASE_URL's. */
function consoleOrigins(request: Request, publicBaseUrl: string | undefined): Set<string> {
  const url = new URL(request.url);
  const host = firstValue(request.headers.get("x-forwarded-host")) ?? request.headers.get("host") ?? url.host;
  const protocol = firstValue(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  const origins = new Set<string>();
  for (const candidate of [`${protocol}://${host}`, publicBaseUrl]) {
    const origin = candidate ? normalizedOrigin(candidate) : null;
    if (origin) origins.add(origin);
  }
  return origins;
}

function firstValue(header: string | null): string | undefined {
  return header?.split(",")[0]?.trim() || undefined;
}

/** Lower-case scheme and host, default port dropped; null for "null" and anything unparsable. */
function normalizedOrigin(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function isJson(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}
