import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, cameOverHttps, FORWARDED_HTTPS_PATTERN, SECURITY_HEADERS } from "./security-headers";

describe("cameOverHttps", () => {
  const cases: [string | undefined, string | undefined, boolean][] = [
    [undefined, "https:", true],
    [undefined, "http:", false],
    ["https", "http:", true],
    ["HTTPS", undefined, true],
    ["https, http", undefined, true],
    ["http, https", undefined, false],
    ["http", undefined, false],
    ["httpsx", undefined, false],
    [undefined, undefined, false],
  ];
  it.each(cases)("X-Forwarded-Proto %s over %s → %s", (forwarded, protocol, expected) => {
    expect(cameOverHttps(forwarded, protocol)).toBe(expected);
    // next.config.ts decides the same with its pattern, which Next anchors at both ends.
    if (forwarded !== undefined && protocol !== "https:") expect(new RegExp(`^${FORWARDED_HTTPS_PATTERN}$`).test(forwarded)).toBe(expected);
  });
});

describe("apiSecurityHeaders", () => {
  it("are the headers of every answer, a policy that lets nothing load, and HSTS on https only", () => {
    for (const { key, value } of SECURITY_HEADERS) expect(apiSecurityHeaders(false)[key.toLowerCase()]).toBe(value);
    expect(apiSecurityHeaders(false)["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(apiSecurityHeaders(false)).not.toHaveProperty("strict-transport-security");
    expect(apiSecurityHeaders(true)["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  });

  it("deny the powerful features the console never uses, and leave the clipboard (copy buttons) alone", () => {
    const policy = SECURITY_HEADERS.find(({ key }) => key === "Permissions-Policy")!.value;
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(policy).toContain(`${feature}=()`);
    expect(policy).not.toContain("clipboard");
  });
});
