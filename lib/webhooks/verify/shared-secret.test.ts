import { describe, expect, it } from "vitest";
import { fixtureJson } from "@/testing/fixtures/webhooks";
import { parseBasicCredentials, readBearerToken, verifyTelegramSecretToken, verifyWebhookPassword } from "./shared-secret";

const PASSWORD = "wh-Pa55:word+%/ü";
const basic = (userAndPassword: string) => `Basic ${Buffer.from(userAndPassword, "utf8").toString("base64")}`;
const headers = (init: Record<string, string>) => new Headers(init);

describe("parseBasicCredentials", () => {
  it("splits at the first colon without URL-decoding (RFC 7617)", () => {
    expect(parseBasicCredentials(basic(`infobip:${PASSWORD}`))).toEqual({ kind: "basic", user: "infobip", password: PASSWORD });
    expect(parseBasicCredentials(basic(":only-password"))).toEqual({ kind: "basic", user: "", password: "only-password" });
    expect(parseBasicCredentials(`bAsIc ${Buffer.from("u:p").toString("base64")}`)).toEqual({ kind: "basic", user: "u", password: "p" });
  });

  it("tells another scheme from a broken Basic header", () => {
    expect(parseBasicCredentials("Bearer abc")).toEqual({ kind: "none" });
    expect(parseBasicCredentials(PASSWORD)).toEqual({ kind: "none" });
    expect(parseBasicCredentials("Basic")).toEqual({ kind: "malformed" });
    expect(parseBasicCredentials("Basic ***")).toEqual({ kind: "malformed" });
    expect(parseBasicCredentials(basic("no-colon"))).toEqual({ kind: "malformed" });
    expect(parseBasicCredentials(`Basic ${Buffer.from([0x75, 0x3a, 0xff]).toString("base64")}`)).toEqual({ kind: "malformed" });
  });
});

describe("verifyWebhookPassword (infobip)", () => {
  it("accepts the AccountKey header (how Infobip is configured for AICC)", () => {
    expect(verifyWebhookPassword(headers({ AccountKey: PASSWORD }), PASSWORD)).toEqual({ ok: true, method: "accountKey" });
  });

  it("accepts HTTP Basic whose password is the webhook password, whatever the user name", () => {
    expect(verifyWebhookPassword(headers({ Authorization: basic(`infobip:${PASSWORD}`) }), PASSWORD)).toEqual({ ok: true, method: "basic" });
    expect(verifyWebhookPassword(headers({ Authorization: basic(`:${PASSWORD}`) }), PASSWORD)).toEqual({ ok: true, method: "basic" });
  });

  it("does not accept the password as a bare Authorization value", () => {
    expect(verifyWebhookPassword(headers({ Authorization: PASSWORD }), PASSWORD)).toEqual({ ok: false, reason: "credentialsMalformed" });
  });

  it("reports wrong credentials", () => {
    expect(verifyWebhookPassword(headers({ AccountKey: "wrong" }), PASSWORD)).toEqual({ ok: false, reason: "credentialsMismatch" });
    expect(verifyWebhookPassword(headers({ AccountKey: PASSWORD.toUpperCase() }), PASSWORD)).toEqual({ ok: false, reason: "credentialsMismatch" });
    expect(verifyWebhookPassword(headers({ Authorization: basic(`${PASSWORD}:x`) }), PASSWORD)).toEqual({ ok: false, reason: "credentialsMismatch" });
  });

  it("accepts when any presented credential matches, naming the one that did", () => {
    expect(verifyWebhookPassword(headers({ AccountKey: "wrong", Authorization: basic(`u:${PASSWORD}`) }), PASSWORD)).toEqual({ ok: true, method: "basic" });
    expect(verifyWebhookPassword(headers({ AccountKey: PASSWORD, Authorization: "Basic ***" }), PASSWORD)).toEqual({ ok: true, method: "accountKey" });
  });

  it("reports missing credentials", () => {
    expect(verifyWebhookPassword(headers({}), PASSWORD)).toEqual({ ok: false, reason: "credentialsMissing" });
    expect(verifyWebhookPassword(headers({ AccountKey: "", Authorization: "" }), PASSWORD)).toEqual({ ok: false, reason: "credentialsMissing" });
  });

  it("reports an unusable Authorization header when it is all there is", () => {
    for (const value of ["Basic ***", "Bearer abc.def", basic("no-colon"), `Basic ${"A".repeat(5000)}`]) {
      expect(verifyWebhookPassword(headers({ Authorization: value }), PASSWORD)).toEqual({ ok: false, reason: "credentialsMalformed" });
    }
    expect(verifyWebhookPassword(headers({ AccountKey: "wrong", Authorization: "Basic ***" }), PASSWORD)).toEqual({ ok: false, reason: "credentialsMismatch" });
  });

  it("refuses everything when no webhook password is stored", () => {
    expect(verifyWebhookPassword(headers({ AccountKey: "" }), "")).toEqual({ ok: false, reason: "secretNotConfigured" });
    expect(verifyWebhookPassword(headers({ Authorization: basic("u:") }), null)).toEqual({ ok: false, reason: "secretNotConfigured" });
  });
});

describe("verifyWebhookPassword (other-basic)", () => {
  const options = { allowBareAuthorization: true };

  it("also accepts the password as the whole Authorization value", () => {
    expect(verifyWebhookPassword(headers({ Authorization: PASSWORD }), PASSWORD, options)).toEqual({ ok: true, method: "authorization" });
    expect(verifyWebhookPassword(headers({ AccountKey: PASSWORD }), PASSWORD, options)).toEqual({ ok: true, method: "accountKey" });
    expect(verifyWebhookPassword(headers({ Authorization: basic(`bsp:${PASSWORD}`) }), PASSWORD, options)).toEqual({ ok: true, method: "basic" });
  });

  it("accepts a bare password that happens to look like a Basic header", () => {
    const odd = "Basic not-base64!";
    expect(verifyWebhookPassword(headers({ Authorization: odd }), odd, options)).toEqual({ ok: true, method: "authorization" });
  });

  it("reports a wrong bare value as wrong credentials", () => {
    expect(verifyWebhookPassword(headers({ Authorization: `${PASSWORD}x` }), PASSWORD, options)).toEqual({ ok: false, reason: "credentialsMismatch" });
    expect(verifyWebhookPassword(headers({ Authorization: "Bearer abc" }), PASSWORD, options)).toEqual({ ok: false, reason: "credentialsMismatch" });
  });
});

describe("verifyTelegramSecretToken", () => {
  type Case = { case: string; configured: string; header: string | null; expected: string };
  const cases = fixtureJson<Case[]>("telegram-secret-token-cases.json");

  it.each(cases.map((c) => [c.case, c] as const))("%s", (_name, c) => {
    const h = new Headers(c.header === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": c.header });
    const result = verifyTelegramSecretToken(h, c.configured);
    expect(result).toEqual(c.expected === "ok" ? { ok: true, method: "secretToken" } : { ok: false, reason: c.expected });
  });

  it("reads the header case-insensitively", () => {
    expect(verifyTelegramSecretToken(headers({ "x-telegram-bot-api-secret-token": "abc" }), "abc")).toEqual({ ok: true, method: "secretToken" });
  });
});

describe("readBearerToken (other-oAuth)", () => {
  const token = "A".repeat(22) + "b_-".repeat(7);

  it("returns the bearer token for verifyBearerToken", () => {
    expect(readBearerToken(headers({ Authorization: `Bearer ${token}` }))).toEqual({ ok: true, token });
    expect(readBearerToken(headers({ Authorization: `bearer ${token}` }))).toEqual({ ok: true, token });
  });

  it("reports a missing header, or one that carries no bearer token", () => {
    expect(readBearerToken(headers({}))).toEqual({ ok: false, reason: "credentialsMissing" });
    expect(readBearerToken(headers({ Authorization: basic("u:p") }))).toEqual({ ok: false, reason: "credentialsMalformed" });
    expect(readBearerToken(headers({ Authorization: "Bearer" }))).toEqual({ ok: false, reason: "credentialsMalformed" });
  });
});
