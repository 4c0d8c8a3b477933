/*
 * Address-trustlist prefixes and the one check "may we call this URL?". Pure: no I/O, usable in the
 * browser (the request form validates with it) and on the server.
 *
 * A prefix is `https://host[:port]/path/`: scheme, host and port must equal the URL's exactly (no
 * wildcards: `*.example.com` would admit every subdomain, including ones a third party controls, so
 * each host is requested and approved on its own), and the URL's path must lie under the prefix path
 * on a segment boundary (`/api/` admits `/api`, `/api/` and `/api/v1`, never `/apiary`). The path is
 * stored ending in "/" so that "starts with" is a segment-boundary test.
 *
 * URLs are read with the WHATWG URL parser, the one `fetch` uses, so `/api/../admin`, `%2e%2e` and
 * backslashes are resolved exactly as the outbound call would resolve them before anything is
 * compared. A caller should send the normalised URL the check answers (see `checkUrl`).
 */

export const PREFIX_MAX_LENGTH = 2048;

export type PrefixError =
  | "required"
  | "tooLong"
  | "invalidCharacters"
  | "missingScheme"
  | "insecureScheme"
  | "unsupportedScheme"
  | "notAUrl"
  | "userinfo"
  | "fragment"
  | "query"
  | "wildcard"
  | "missingHost"
  | "invalidPort"
  | "invalidHost"
  | "dotSegment"
  | "encodedSeparator";

export type PrefixResult = { ok: true; prefix: string } | { ok: false; error: PrefixError };

export type UrlRefusal = "invalidUrl" | "insecureScheme" | "unsupportedScheme" | "userinfo" | "dotSegment" | "encodedSeparator" | "notOnTrustlist";

export type UrlCheck = { allowed: true; url: string; prefix: string } | { allowed: false; reason: UrlRefusal };

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** RFC 3986 §6.2.2: upper-case percent-encodings and decode those of unreserved characters. */
function canonicalPath(pathname: string): string {
  return pathname.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/**
 * Path tricks the URL parser leaves in place but some servers still resolve: an encoded "/" or "\"
 * (decoded before routing by some proxies) and Tomcat-style `..;` segments. Refused outright.
 */
function pathTrick(path: string): "dotSegment" | "encodedSeparator" | null {
  if (/%2f|%5c/i.test(path)) return "encodedSeparator";
  if (path.split("/").some((segment) => /^\.{1,2}(;|$)/.test(segment))) return "dotSegment";
  return null;
}

function validHostname(hostname: string): boolean {
  if (hostname.startsWith("[")) return hostname.endsWith("]");
  if (IPV4.test(hostname)) return true;
  if (hostname.length > 253) return false;
  // Every label must be a plain DNS label: no empty labels, no trailing dot, no "_".
  return hostname.split(".").every((label) => DNS_LABEL.test(label));
}

/** The authority as written: after "https://", up to the first "/", "?" or "#". */
function rawAuthority(afterScheme: string): string {
  return afterScheme.split(/[/?#]/, 1)[0] ?? "";
}

function checkPort(authority: string): boolean {
  const hostEnd = authority.startsWith("[") ? authority.indexOf("]") + 1 : authority.lastIndexOf(":");
  if (hostEnd <= 0 || hostEnd >= authority.length) return true;
  const port = authority.slice(hostEnd);
  if (!/^:\d{1,5}$/.test(port)) return false;
  const value = Number(port.slice(1));
  return value >= 1 && value <= 65535;
}

/** Raw dot segments, including their percent-encoded spellings (`%2e%2e`), in a prefix as typed. */
function hasRawDotSegment(path: string): boolean {
  return path.split("/").some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

/**
 * Reads a prefix as a tenant administrator types it and answers its one normalised spelling, or
 * the first thing wrong with it. A prefix is stricter than a URL: it must be written as
 * `https://…` with nothing the URL parser would have to guess or repair.
 */
export function parseTrustlistPrefix(input: string): PrefixResult {
  const fail = (error: PrefixError): PrefixResult => ({ ok: false, error });
  const text = input.trim();
  if (!text) return fail("required");
  if (text.length > PREFIX_MAX_LENGTH) return fail("tooLong");
  // Whitespace, control characters and backslashes are silently dropped or rewritten by the parser.
  if (/[\u0000-\u0020\u007f\\]/.test(text)) return fail("invalidCharacters");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (!scheme) return fail("missingScheme");
  if (scheme === "http") return fail("insecureScheme");
  if (scheme !== "https") return fail("unsupportedScheme");
  if (!/^https:\/\//i.test(text)) return fail("notAUrl");
  const afterScheme = text.slice("https://".length);
  const authority = rawAuthority(afterScheme);
  if (authority.includes("@")) return fail("userinfo");
  const query = text.indexOf("?");
  const fragment = text.indexOf("#");
  if (query !== -1 && (fragment === -1 || query < fragment)) return fail("query");
  if (fragment !== -1) return fail("fragment");
  if (text.includes("*")) return fail("wildcard");
  if (!authority) return fail("missingHost");
  if (!checkPort(authority)) return fail("invalidPort");
  if (hasRawDotSegment(afterScheme.slice(authority.length))) return fail("dotSegment");

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail("invalidHost");
  }
  if (!url.hostname) return fail("missingHost");
  if (!validHostname(url.hostname)) return fail("invalidHost");
  const path = canonicalPath(url.pathname);
  const trick = pathTrick(path);
  if (trick) return fail(trick);
  return { ok: true, prefix: `https://${url.host}${path.endsWith("/") ? path : `${path}/`}` };
}

/**
 * Whether a URL as written carries userinfo, even an empty one (`https://@host/`), which the parser
 * would drop silently. Read the way the WHATWG parser reads an https authority.
 */
function writtenWithUserinfo(input: string): boolean {
  const text = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  const authority = /^[a-z][a-z0-9+.-]*:[/\\]*([^/\\?#]*)/i.exec(text)?.[1] ?? "";
  return authority.includes("@");
}

function parseUrl(url: string | URL): URL | null {
  if (url instanceof URL) return new URL(url.href);
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether `path` (canonical) lies under `prefixPath` (ending in "/") on a segment boundary. */
function underPrefix(path: string, prefixPath: string): boolean {
  return path.startsWith(prefixPath) || `${path}/` === prefixPath;
}

/**
 * "May we call this URL?" with the reason when not, and when yes the normalised URL to call (the
 * exact string that was judged) and the approved prefix that admits it.
 */
export function checkUrl(input: string | URL, approvedPrefixes: readonly string[]): UrlCheck {
  const refuse = (reason: UrlRefusal): UrlCheck => ({ allowed: false, reason });
  const url = parseUrl(input);
  if (!url) return refuse("invalidUrl");
  if (url.protocol === "http:") return refuse("insecureScheme");
  if (url.protocol !== "https:") return refuse("unsupportedScheme");
  if (url.username || url.password || (typeof input === "string" && writtenWithUserinfo(input))) return refuse("userinfo");
  const path = canonicalPath(url.pathname);
  const trick = pathTrick(path);
  if (trick) return refuse(trick);

  for (const candidate of approvedPrefixes) {
    // Stored prefixes are normalised already; re-reading them means a malformed one admits nothing.
    const parsed = parseTrustlistPrefix(candidate);
    if (!parsed.ok) continue;
    const prefix = new URL(parsed.prefix);
    if (prefix.host === url.host && underPrefix(path, prefix.pathname)) {
      return { allowed: true, url: url.href, prefix: parsed.prefix };
    }
  }
  return refuse("notOnTrustlist");
}

/** The catalog key that explains why a URL may not be called. */
export function urlRefusalKey(reason: UrlRefusal): string {
  switch (reason) {
    case "notOnTrustlist":
      return "trustlist.errors.notOnTrustlist";
    case "invalidUrl":
      return "trustlist.errors.invalidUrl";
    default:
      return `trustlist.errors.prefix.${reason}`;
  }
}

/** The one check: may an outbound provider call target `url`? */
export function isUrlAllowed(url: string | URL, approvedPrefixes: readonly string[]): boolean {
  return checkUrl(url, approvedPrefixes).allowed;
}

/**
 * The prefix to request so that `url` becomes callable: scheme, host and port, plus the first path
 * segment when it names a service (`/apiaccess/`, `/whatsapp/`). A segment with a digit in it is a
 * version (`v21.0`) or an id (a phone number id): a prefix that includes it would need a new
 * request for the next API version or the next number, so the suggestion stops before it.
 * Deeper paths (`/messages`) never belong in it. `null` when no prefix could admit the URL (not
 * https, a path trick, a malformed host).
 */
export function suggestTrustlistPrefix(input: string | URL): string | null {
  const url = parseUrl(input);
  if (!url || url.protocol !== "https:") return null;
  // The whole URL must be admissible first: a path trick anywhere refuses it, whatever the suggestion.
  const whole = parseTrustlistPrefix(`https://${url.host}${url.pathname}`);
  if (!whole.ok) return null;
  const first = new URL(whole.prefix).pathname.split("/")[1] ?? "";
  const service = /^[A-Za-z][A-Za-z._~-]*$/.test(first) ? `${first}/` : "";
  return `https://${url.host}/${service}`;
}

/** Where a tenant administrator requests `prefix` (the form comes pre-filled). */
export function trustlistRequestHref(prefix: string): string {
  return `/settings/trustlist?${new URLSearchParams({ prefix }).toString()}`;
}
