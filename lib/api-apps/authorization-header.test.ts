import { describe, expect, it } from "vitest";
import { formUrlDecode, parseBasicAuthorization, parseBearerAuthorization } from "./authorization-header";

const basic = (raw: string) => `Basic ${Buffer.from(raw, "utf8").toString("base64")}`;

describe("parseBasicAuthorization", () => {
  it("reads client id and secret", () => {
    expect(parseBasicAuthorization(basic("ak_abc:sk_secret"))).toEqual({ kind: "basic", clientId: "ak_abc", clientSecret: "sk_secret" });
  });

  it("decodes both parts as form-url-encoded (RFC 6749 §2.3.1)", () => {
    // A client id with ":" and a secret with "+", "%" and a space, encoded before Basic.
    const raw = `${encodeURIComponent("id:with:colons")}:${encodeURIComponent("p+s%w d")}`;
    expect(parseBasicAuthorization(basic(raw))).toEqual({ kind: "basic", clientId: "id:with:colons", clientSecret: "p+s%w d" });
    expect(parseBasicAuthorization(basic("a+b:c+d"))).toEqual({ kind: "basic", clientId: "a b", clientSecret: "c d" });
    expect(parseBasicAuthorization(basic("%C3%BC:%E4%B8%AD"))).toEqual({ kind: "basic", clientId: "ü", clientSecret: "中" });
  });

  it("splits at the first colon only, so the secret may hold raw colons", () => {
    expect(parseBasicAuthorization(basic("ak_1:a:b"))).toEqual({ kind: "basic", clientId: "ak_1", clientSecret: "a:b" });
  });

  it("accepts any case of the scheme, extra spaces and unpadded base64", () => {
    const encoded = Buffer.from("ak_1:s1").toString("base64").replace(/=+$/, "");
    expect(parseBasicAuthorization(`bAsIc   ${encoded}  `)).toEqual({ kind: "basic", clientId: "ak_1", clientSecret: "s1" });
  });

  it("keeps an empty secret (it will simply not match)", () => {
    expect(parseBasicAuthorization(basic("ak_1:"))).toEqual({ kind: "basic", clientId: "ak_1", clientSecret: "" });
  });

  it("treats a missing or blank header as no header", () => {
    expect(parseBasicAuthorization(null)).toEqual({ kind: "none" });
    expect(parseBasicAuthorization("  ")).toEqual({ kind: "none" });
  });

  it.each([
    ["another scheme", "Bearer abc"],
    ["no credentials", "Basic"],
    ["not base64", "Basic ***"],
    ["impossible base64 length", "Basic abcde"],
    ["two tokens", `${basic("a:b")} extra`],
    ["no colon", basic("ak_only")],
    ["empty client id", basic(":secret")],
    ["bad percent-encoding", basic("ak_1:%zz")],
    ["bad percent-encoding in the id", basic("%E4%B8:x")],
    ["invalid UTF-8", `Basic ${Buffer.from([0xff, 0x3a, 0x61]).toString("base64")}`],
    ["an oversized header", basic(`ak_1:${"x".repeat(5000)}`)],
  ])("answers invalid for %s", (_case, header) => {
    expect(parseBasicAuthorization(header)).toEqual({ kind: "invalid" });
  });
});

describe("formUrlDecode", () => {
  it("turns + into a space and decodes percent escapes", () => {
    expect(formUrlDecode("a+b%2Bc")).toBe("a b+c");
    expect(formUrlDecode("%")).toBeNull();
  });
});

describe("parseBearerAuthorization", () => {
  it("reads the token of a Bearer header in any case", () => {
    expect(parseBearerAuthorization("Bearer abc-_.~+/=")).toBe("abc-_.~+/=");
    expect(parseBearerAuthorization("bearer tok")).toBe("tok");
  });

  it.each([null, "", "Bearer", "Bearer ", "Basic abc", "Bearer a b", "Bearer tok\u00e9"])("refuses %j", (header) => {
    expect(parseBearerAuthorization(header)).toBeNull();
  });
});
