/*
 * Response headers of the console. next.config.ts adds them to what Next serves, and the production
 * server's direct webhook path (lib/webhooks/ingest/node-transport.ts) to what it serves, so a
 * webhook answer carries the same headers whichever way it went (e2e/security-headers.spec.ts).
 * Pages get their Content-Security-Policy from proxy.ts instead: it needs a nonce per request.
 */

type Header = { key: string; value: string };

/**
 * Browser features the console never uses; denied so that injected script cannot ask for them either.
 * Only names Chromium knows: it reports an unknown one as a header error (e2e/fixtures.ts fails on it).
 */
const DENIED_FEATURES = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
];

/** Every answer, pages and APIs alike. */
export const SECURITY_HEADERS: readonly Header[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: DENIED_FEATURES.map((feature) => `${feature}=()`).join(", ") },
];

/** API answers are data, never documents: nothing in them may load or run, nor be framed. */
export const API_CONTENT_SECURITY_POLICY: Header = {
  key: "Content-Security-Policy",
  value: "default-src 'none'; frame-ancestors 'none'",
};

/** Two years, the preload list's minimum; only ever sent on https (browsers ignore it on http anyway). */
export const STRICT_TRANSPORT_SECURITY: Header = {
  key: "Strict-Transport-Security",
  value: "max-age=63072000; includeSubDomains",
};

/**
 * next.config.ts's `has` pattern for the same rule as cameOverHttps (Next anchors it): TLS ends at
 * the reverse proxy in front of the console, which says so in X-Forwarded-Proto, first hop first.
 */
export const FORWARDED_HTTPS_PATTERN = "\\s*[hH][tT][tT][pP][sS]\\s*(?:,.*)?";

/** Whether the browser reached the console over https: directly (protocol) or through a proxy. */
export function cameOverHttps(forwardedProto: string | null | undefined, protocol?: string): boolean {
  if (protocol?.replace(/:$/, "").toLowerCase() === "https") return true;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

const lowerCased = (headers: readonly Header[]) => Object.fromEntries(headers.map(({ key, value }) => [key.toLowerCase(), value]));
const API_HEADERS = lowerCased([...SECURITY_HEADERS, API_CONTENT_SECURITY_POLICY]);
const API_HEADERS_HTTPS = lowerCased([...SECURITY_HEADERS, API_CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY]);

/** What next.config.ts adds to an API answer, as lower-case names for node:http. */
export function apiSecurityHeaders(https: boolean): Readonly<Record<string, string>> {
  return https ? API_HEADERS_HTTPS : API_HEADERS;
}
