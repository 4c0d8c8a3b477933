import { describe, expect, it } from "vitest";
import {
  checkUrl,
  isUrlAllowed,
  parseTrustlistPrefix,
  PREFIX_MAX_LENGTH,
  suggestTrustlistPrefix,
  trustlistRequestHref,
  type PrefixError,
} from "./prefix";

describe("parseTrustlistPrefix: normalised spellings", () => {
  it.each([
    ["https://a.example.com", "https://a.example.com/"],
    ["https://a.example.com/", "https://a.example.com/"],
    ["  https://a.example.com/  ", "https://a.example.com/"],
    ["https://a.example.com/api", "https://a.example.com/api/"],
    ["https://a.example.com/api/", "https://a.example.com/api/"],
    ["https://a.example.com/api/v1/messages", "https://a.example.com/api/v1/messages/"],
    ["HTTPS://A.Example.COM/Api/V1", "https://a.example.com/Api/V1/"],
    ["https://a.example.com:443/api", "https://a.example.com/api/"],
    ["https://a.example.com:0443/", "https://a.example.com/"],
    ["https://a.example.com:8443/api", "https://a.example.com:8443/api/"],
    ["https://a.example.com:1/", "https://a.example.com:1/"],
    ["https://a.example.com:65535/", "https://a.example.com:65535/"],
    ["https://bücher.example/", "https://xn--bcher-kva.example/"],
    ["https://ＡＰＩ.example.com/", "https://api.example.com/"],
    ["https://%61pi.example.com/", "https://api.example.com/"],
    ["https://xn--bcher-kva.example/x", "https://xn--bcher-kva.example/x/"],
    ["https://192.0.2.10:9443/apiaccess/rest/ccmessaging", "https://192.0.2.10:9443/apiaccess/rest/ccmessaging/"],
    ["https://127.1/", "https://127.0.0.1/"],
    ["https://[2001:DB8::1]/", "https://[2001:db8::1]/"],
    ["https://[2001:db8::1]:8443/api", "https://[2001:db8::1]:8443/api/"],
    ["https://[::1]", "https://[::1]/"],
    ["https://localhost/", "https://localhost/"],
    ["https://a.example.com/a%2dpi/%7euser/", "https://a.example.com/a-pi/~user/"],
    ["https://a.example.com/caf%c3%a9", "https://a.example.com/caf%C3%A9/"],
    ["https://a.example.com/café", "https://a.example.com/caf%C3%A9/"],
    ["https://a.example.com/api//v1", "https://a.example.com/api//v1/"],
    ["https://a.example.com/v21.0/", "https://a.example.com/v21.0/"],
    ["https://a.example.com/a@b/", "https://a.example.com/a@b/"],
  ])("%s → %s", (input, expected) => {
    expect(parseTrustlistPrefix(input)).toEqual({ ok: true, prefix: expected });
  });

  it("is idempotent: a normalised prefix reads back as itself", () => {
    for (const input of [
      "https://a.example.com/api",
      "HTTPS://Bücher.example:443/Straße",
      "https://[2001:DB8::1]:8443/x%20y",
      "https://a.example.com/%7e/%c3%a9",
    ]) {
      const first = parseTrustlistPrefix(input);
      expect(first.ok, input).toBe(true);
      if (first.ok) expect(parseTrustlistPrefix(first.prefix)).toEqual(first);
    }
  });
});

describe("parseTrustlistPrefix: precise errors", () => {
  it.each<[string, PrefixError]>([
    ["", "required"],
    ["   ", "required"],
    [`https://a.example.com/${"x".repeat(PREFIX_MAX_LENGTH)}`, "tooLong"],
    ["https://a.example.com/a b", "invalidCharacters"],
    ["https://a.exam\tple.com/", "invalidCharacters"],
    ["https://a.example.com/a\nb", "invalidCharacters"],
    ["https://a.example.com\\api", "invalidCharacters"],
    ["https:\\\\a.example.com/", "invalidCharacters"],
    ["https://a.example.com/\u0000", "invalidCharacters"],
    ["a.example.com/api", "missingScheme"],
    ["//a.example.com/", "missingScheme"],
    ["http://a.example.com/", "insecureScheme"],
    ["HTTP://a.example.com/", "insecureScheme"],
    ["ftp://a.example.com/", "unsupportedScheme"],
    ["wss://a.example.com/", "unsupportedScheme"],
    ["javascript:alert(1)", "unsupportedScheme"],
    ["file:///etc/passwd", "unsupportedScheme"],
    ["https:a.example.com", "notAUrl"],
    ["https:/a.example.com", "notAUrl"],
    ["https://user:secret@a.example.com/", "userinfo"],
    ["https://user@a.example.com/", "userinfo"],
    ["https://@a.example.com/", "userinfo"],
    ["https://a.example.com@evil.example/", "userinfo"],
    ["https://a.example.com/api?x=1", "query"],
    ["https://a.example.com/api?", "query"],
    ["https://a.example.com/?a#b", "query"],
    ["https://a.example.com/api#top", "fragment"],
    ["https://a.example.com/#?a", "fragment"],
    ["https://*.example.com/", "wildcard"],
    ["https://a.example.com/api/*", "wildcard"],
    ["https://a.example.*/", "wildcard"],
    ["https:///a.example.com", "missingHost"],
    ["https://", "missingHost"],
    ["https://a.example.com:0/", "invalidPort"],
    ["https://a.example.com:65536/", "invalidPort"],
    ["https://a.example.com:99999/", "invalidPort"],
    ["https://a.example.com:/", "invalidPort"],
    ["https://a.example.com:https/", "invalidPort"],
    ["https://a.example.com:-1/", "invalidPort"],
    ["https://[::1]:0/", "invalidPort"],
    ["https://[::1]x/", "invalidPort"],
    ["https://a..example.com/", "invalidHost"],
    ["https://example.com./", "invalidHost"],
    ["https://.example.com/", "invalidHost"],
    ["https://a_b.example.com/", "invalidHost"],
    ["https://-a.example.com/", "invalidHost"],
    ["https://a-.example.com/", "invalidHost"],
    [`https://${"a".repeat(64)}.example.com/`, "invalidHost"],
    [`https://${Array.from({ length: 50 }, () => "abcd").join(".")}.example/`, "invalidHost"],
    ["https://a$b.example.com/", "invalidHost"],
    ["https://a<b.example.com/", "invalidHost"],
    ["https://1.2.3.4.5/", "invalidHost"],
    ["https://256.0.0.1/", "invalidHost"],
    ["https://[::1/", "invalidHost"],
    ["https://[fe80::1%25eth0]/", "invalidHost"],
    ["https://a.example.com/api/../admin", "dotSegment"],
    ["https://a.example.com/api/./v1", "dotSegment"],
    ["https://a.example.com/api/%2e%2e/admin", "dotSegment"],
    ["https://a.example.com/api/.%2E", "dotSegment"],
    ["https://a.example.com/..", "dotSegment"],
    ["https://a.example.com/api/..;/admin", "dotSegment"],
    ["https://a.example.com/api%2fadmin", "encodedSeparator"],
    ["https://a.example.com/api%5Cadmin", "encodedSeparator"],
  ])("%j → %s", (input, error) => {
    expect(parseTrustlistPrefix(input)).toEqual({ ok: false, error });
  });
});

const APPROVED = [
  "https://a.example.com/",
  "https://b.example.com/api/",
  "https://c.example.com:8443/",
  "https://[2001:db8::1]/v1/",
  "https://192.0.2.10:9443/apiaccess/rest/ccmessaging/",
  "https://xn--bcher-kva.example/",
];

describe("isUrlAllowed: what an approved prefix admits", () => {
  it.each([
    "https://a.example.com/",
    "https://a.example.com",
    "https://a.example.com/anything/deep?x=1#frag",
    "HTTPS://A.EXAMPLE.COM/x",
    "https://a.example.com:443/x",
    "https://b.example.com/api",
    "https://b.example.com/api/",
    "https://b.example.com/api/v1/send?to=%2B49",
    "https://b.example.com/api/x/../v1",
    "https://b.example.com/%61pi/v1",
    "https://b.example.com/api\\v1",
    "https://b.example.com\\api\\v1",
    "https://b.example.com/api/v1/./x",
    "https://c.example.com:8443/x",
    "https://[2001:DB8:0::1]/v1/messages",
    "https://192.0.2.10:9443/apiaccess/rest/ccmessaging/send",
    "https://bücher.example/x",
    " https://a.example.com/x ",
  ])("admits %j", (url) => {
    expect(isUrlAllowed(url, APPROVED)).toBe(true);
  });

  it.each([
    ["https://a.example.com.evil.net/", "another host that merely starts with the prefix host"],
    ["https://evil.net/a.example.com/", "the prefix host in the path"],
    ["https://xa.example.com/", "a host that ends with the prefix host"],
    ["https://sub.a.example.com/", "a subdomain"],
    ["https://example.com/", "the parent domain"],
    ["https://a.example.com./", "a trailing-dot spelling of the host"],
    ["https://a.example.com:8443/", "a port the prefix does not name"],
    ["https://c.example.com/", "the default port when the prefix names 8443"],
    ["https://c.example.com:9443/", "another port"],
    ["https://b.example.com/", "the origin root above the prefix path"],
    ["https://b.example.com/apiary", "a sibling path sharing the prefix's letters"],
    ["https://b.example.com/api-v2/", "a sibling path with a suffix"],
    ["https://b.example.com/API/v1", "a path differing in case"],
    ["https://b.example.com/api/../admin", "dot segments leaving the prefix"],
    ["https://b.example.com/api/%2e%2e/admin", "encoded dot segments leaving the prefix"],
    ["https://b.example.com/api/.%2E/admin", "mixed encoded dot segments"],
    ["https://b.example.com/api\\..\\admin", "backslash dot segments"],
    ["https://b.example.com/api/..%2fadmin", "an encoded slash hiding a dot segment"],
    ["https://b.example.com/api/v1%2F..%2F..%2Fadmin", "encoded slashes"],
    ["https://b.example.com/api/..%5cadmin", "an encoded backslash"],
    ["https://b.example.com/api/..;/admin", "a Tomcat-style dot segment"],
    ["https://[2001:db8::2]/v1/", "another IPv6 address"],
    ["https://192.0.2.10/apiaccess/rest/ccmessaging/", "the IP without the prefix's port"],
    ["https://192.0.2.10:9443/apiaccess/rest/", "a path above the prefix"],
  ])("refuses %j (%s)", (url) => {
    expect(isUrlAllowed(url, APPROVED)).toBe(false);
  });

  it("refuses credentials, other schemes and garbage, whatever is approved", () => {
    expect(checkUrl("https://user:pw@a.example.com/", APPROVED)).toEqual({ allowed: false, reason: "userinfo" });
    expect(checkUrl("https://user@a.example.com/", APPROVED)).toEqual({ allowed: false, reason: "userinfo" });
    expect(checkUrl("https://@a.example.com/", APPROVED)).toEqual({ allowed: false, reason: "userinfo" });
    expect(checkUrl("https://:@a.example.com/", APPROVED)).toEqual({ allowed: false, reason: "userinfo" });
    expect(checkUrl("https://a.example.com@evil.net/", APPROVED)).toEqual({ allowed: false, reason: "userinfo" });
    expect(checkUrl(new URL("https://u:p@a.example.com/"), APPROVED)).toEqual({ allowed: false, reason: "userinfo" });
    expect(checkUrl("http://a.example.com/", APPROVED)).toEqual({ allowed: false, reason: "insecureScheme" });
    expect(checkUrl("wss://a.example.com/", APPROVED)).toEqual({ allowed: false, reason: "unsupportedScheme" });
    expect(checkUrl("ftp://a.example.com/", APPROVED)).toEqual({ allowed: false, reason: "unsupportedScheme" });
    expect(checkUrl("//a.example.com/", APPROVED)).toEqual({ allowed: false, reason: "invalidUrl" });
    expect(checkUrl("a.example.com", APPROVED)).toEqual({ allowed: false, reason: "invalidUrl" });
    expect(checkUrl("", APPROVED)).toEqual({ allowed: false, reason: "invalidUrl" });
    expect(checkUrl("https://a.example.com:99999/", APPROVED)).toEqual({ allowed: false, reason: "invalidUrl" });
  });

  it("parses a backslash the way fetch does: the host before it is the host called", () => {
    // WHATWG reads "\" as "/" in https URLs, so this calls a.example.com at path /@evil.net/.
    expect(checkUrl("https://a.example.com\\@evil.net/", APPROVED)).toEqual({
      allowed: true,
      url: "https://a.example.com/@evil.net/",
      prefix: "https://a.example.com/",
    });
  });

  it("answers the normalised URL to call and the prefix that admitted it", () => {
    expect(checkUrl("HTTPS://B.example.com:443/api/x/../v1?q=1", APPROVED)).toEqual({
      allowed: true,
      url: "https://b.example.com/api/v1?q=1",
      prefix: "https://b.example.com/api/",
    });
    expect(checkUrl("https://evil.net/", APPROVED)).toEqual({ allowed: false, reason: "notOnTrustlist" });
  });

  it("admits nothing without approved prefixes, and nothing through a malformed one", () => {
    expect(isUrlAllowed("https://a.example.com/", [])).toBe(false);
    for (const bad of ["https://*.example.com/", "http://a.example.com/", "https://a.example.com/?x", "a.example.com", ""]) {
      expect(isUrlAllowed("https://a.example.com/", [bad]), bad).toBe(false);
    }
    expect(isUrlAllowed("https://sub.example.com/", ["https://*.example.com/"])).toBe(false);
  });

  it("matches a prefix stored without its trailing slash on a segment boundary too", () => {
    expect(isUrlAllowed("https://b.example.com/api/v1", ["https://b.example.com/api"])).toBe(true);
    expect(isUrlAllowed("https://b.example.com/apiary", ["https://b.example.com/api"])).toBe(false);
  });

  it("admits exactly the path a deep prefix names, and what lies beneath it", () => {
    const prefixes = ["https://graph.facebook.com/v21.0/"];
    expect(isUrlAllowed("https://graph.facebook.com/v21.0/123/messages", prefixes)).toBe(true);
    expect(isUrlAllowed("https://graph.facebook.com/v21.0", prefixes)).toBe(true);
    expect(isUrlAllowed("https://graph.facebook.com/v21.01/123", prefixes)).toBe(false);
    expect(isUrlAllowed("https://graph.facebook.com/v22.0/123", prefixes)).toBe(false);
  });
});

describe("suggestTrustlistPrefix", () => {
  it.each([
    ["https://api.example.com", "https://api.example.com/"],
    // A version or an id is never part of it: the next API version or phone number needs no new request.
    ["https://api.example.com/v1/messages?x=1#y", "https://api.example.com/"],
    ["https://user:pw@api.example.com:443/v1/", "https://api.example.com/"],
    ["https://graph.facebook.com/v21.0/123456789012345/messages", "https://graph.facebook.com/"],
    ["https://xyz12.api.infobip.com/", "https://xyz12.api.infobip.com/"],
    // The first segment stays when it names a service on a shared host; deeper segments never.
    ["https://192.0.2.10:9443/apiaccess/rest/ccmessaging", "https://192.0.2.10:9443/apiaccess/"],
    ["https://api.example.com/whatsapp", "https://api.example.com/whatsapp/"],
    ["https://api.example.com/whatsapp/1/message/text", "https://api.example.com/whatsapp/"],
    ["https://Bücher.example/a/../b", "https://xn--bcher-kva.example/b/"],
  ])("%s → %s", (url, expected) => {
    const suggestion = suggestTrustlistPrefix(url);
    expect(suggestion).toBe(expected);
    // Approving the suggestion admits the URL it was made for (credentials aside).
    expect(isUrlAllowed(url.replace("user:pw@", ""), [suggestion!])).toBe(true);
  });

  it.each(["http://api.example.com/", "not a url", "https://a_b.example.com/", "https://a.example.com/x%2Fy", "https://a.example.com/*"])(
    "offers nothing for %j",
    (url) => {
      expect(suggestTrustlistPrefix(url)).toBeNull();
    },
  );

  it("links to the pre-filled request form", () => {
    expect(trustlistRequestHref("https://a.example.com/api/")).toBe("/settings/trustlist?prefix=https%3A%2F%2Fa.example.com%2Fapi%2F");
  });
});
