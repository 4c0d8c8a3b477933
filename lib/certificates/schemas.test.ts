// The shared form schemas of lib/validations/certificates.ts, as the browser and the server run them.
import { describe, expect, it } from "vitest";
import {
  fetchChainSchema,
  MAX_CERTIFICATE_FILE_BYTES,
  parseTlsAddress,
  saveFetchedChainSchema,
  uploadIdentitySchema,
  uploadTrustSchema,
} from "@/lib/validations/certificates";

const file = (size: number, name = "cert.pem") => new File([new Uint8Array(size)], name);
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("parseTlsAddress", () => {
  it.each([
    ["https://api.example.com", { host: "api.example.com", port: 443, origin: "https://api.example.com:443" }],
    ["https://api.example.com:8443", { host: "api.example.com", port: 8443, origin: "https://api.example.com:8443" }],
    ["  HTTPS://API.Example.com:443/  ", { host: "api.example.com", port: 443, origin: "https://api.example.com:443" }],
    ["https://127.0.0.1:28090", { host: "127.0.0.1", port: 28090, origin: "https://127.0.0.1:28090" }],
    ["https://[::1]:8443", { host: "::1", port: 8443, origin: "https://[::1]:8443" }],
  ])("reads %s", (input, expected) => {
    expect(parseTlsAddress(input)).toEqual(expected);
  });

  it.each([
    "http://api.example.com",
    "ftp://api.example.com",
    "api.example.com:443",
    "https://user:pass@api.example.com",
    "https://good.example@evil.example",
    "https://api.example.com/path",
    "https://api.example.com/?q=1",
    "https://api.example.com/#x",
    "https://api.example.com:99999",
    "https://",
    "",
  ])("refuses %j", (input) => {
    expect(parseTlsAddress(input)).toBeNull();
  });
});

describe("fetchChainSchema and saveFetchedChainSchema", () => {
  it("tells a non-https address from a malformed one", () => {
    expect(messages(fetchChainSchema.safeParse({ url: "http://api.example.com" }))).toEqual({ url: "certificates.errors.urlNotHttps" });
    expect(messages(fetchChainSchema.safeParse({ url: "https://api.example.com/x" }))).toEqual({ url: "certificates.errors.urlInvalid" });
    expect(messages(fetchChainSchema.safeParse({ url: "" }))).toEqual({ url: "required" });
  });

  it("wants the confirmed fingerprints in browser form", () => {
    const fingerprint = Array.from({ length: 32 }, () => "AB").join(":");
    expect(saveFetchedChainSchema.safeParse({ name: "x", url: "https://a.example", fingerprints: [fingerprint] }).success).toBe(true);
    for (const fingerprints of [[], [fingerprint.toLowerCase()], [fingerprint.replace(/:/g, "")], Array(11).fill(fingerprint)]) {
      expect(saveFetchedChainSchema.safeParse({ name: "x", url: "https://a.example", fingerprints }).success).toBe(false);
    }
  });
});

describe("upload schemas", () => {
  it("accept a file up to 1 MB and refuse an empty, a missing or a larger one", () => {
    expect(uploadTrustSchema.safeParse({ name: "CA", file: file(MAX_CERTIFICATE_FILE_BYTES) }).success).toBe(true);
    expect(messages(uploadTrustSchema.safeParse({ name: "CA", file: file(MAX_CERTIFICATE_FILE_BYTES + 1) }))).toEqual({
      file: "certificates.errors.fileTooLarge",
    });
    expect(messages(uploadTrustSchema.safeParse({ name: "CA", file: file(5 * 1024 * 1024) }))).toEqual({ file: "certificates.errors.fileTooLarge" });
    expect(messages(uploadTrustSchema.safeParse({ name: "CA", file: file(0) }))).toEqual({ file: "certificates.errors.fileEmpty" });
    expect(messages(uploadTrustSchema.safeParse({ name: " ", file: "not a file" }))).toEqual({
      name: "required",
      file: "certificates.errors.fileRequired",
    });
  });

  it("ask for what each identity format needs", () => {
    expect(uploadIdentitySchema.safeParse({ format: "pem", name: "Id", certificateFile: file(10) }).success).toBe(true);
    expect(uploadIdentitySchema.parse({ format: "pkcs12", name: "Id", pkcs12File: file(10, "id.p12") })).toMatchObject({ pkcs12Password: "" });
    expect(messages(uploadIdentitySchema.safeParse({ format: "pem", name: "Id", keyFile: file(10) }))).toEqual({
      certificateFile: "certificates.errors.fileRequired",
    });
    expect(messages(uploadIdentitySchema.safeParse({ format: "pkcs12", name: "Id", pkcs12Password: "x".repeat(1025) }))).toEqual({
      pkcs12File: "certificates.errors.fileRequired",
      pkcs12Password: "certificates.errors.passwordTooLong",
    });
    expect(uploadIdentitySchema.safeParse({ format: "der", name: "Id" }).success).toBe(false);
  });
});
