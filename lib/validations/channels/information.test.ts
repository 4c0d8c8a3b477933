import { describe, expect, it } from "vitest";
import { isIpv4BaseUrl, isOAuthBaseUrl } from "./fields";
import { channelInformationSchema, variantOf, type ChannelInformationInput } from "./information";

const TRUST = "6f1c7f3e-3c1a-4c55-9d7e-0b5f3b0a9a11";
const IDENTITY = "0d9b1f55-8a4e-4a6f-a3a2-7a4f58c2f0b2";
const APPROVED = ["https://acme.api.infobip.com/", "https://bsp.example.com:8443/apiaccess/rest/ccmessaging/", "https://graph.facebook.com/v21.0/", "https://203.0.113.10:8443/"];
const context = { keptSecrets: [] as string[], approvedPrefixes: APPROVED };

const VALID: Record<string, ChannelInformationInput> = {
  infobip: {
    channelType: "whatsapp",
    provider: "infobip",
    phoneNumber: "+8613912345678",
    userName: "acme",
    password: "infobip-password",
    baseUrl: "https://acme.api.infobip.com",
    accountKey: "0123456789abcdef0123456789abcdef-01234567",
    webhookPassword: "a-long-webhook-password",
    trustCertificateId: TRUST,
    identityCertificateId: "",
  },
  "other-basic": {
    channelType: "whatsapp",
    provider: "other",
    verificationMethod: "basic",
    phoneNumber: "+5511912345678",
    userName: "itau",
    password: "bsp-password",
    baseUrl: "https://acme.api.infobip.com/bsp",
    authenticationKey: "bsp-auth-key",
    webhookPassword: "a-long-webhook-password",
    trustCertificateId: TRUST,
    identityCertificateId: IDENTITY,
  },
  "other-oAuth": {
    channelType: "whatsapp",
    provider: "other",
    verificationMethod: "oAuth",
    userName: "ak_abcdefghijklmnopqrst",
    password: "sk_secret",
    baseUrl: "https://bsp.example.com:8443/apiaccess/rest/ccmessaging",
    webhookPassword: "a-long-webhook-password",
    trustCertificateId: TRUST,
  },
  "cloud-api": {
    channelType: "whatsapp",
    provider: "cloud-api",
    appKey: "1234567890123",
    appSecret: "0123456789abcdef0123456789abcdef",
    phoneNumber: "+16505551234",
    phoneNumberId: "106540352242922",
    wabaId: "",
    baseUrl: "https://graph.facebook.com/v21.0/106540352242922/messages",
    accessToken: "EAAG-token",
    tokenValidity: "never",
    trustCertificateId: TRUST,
    identityCertificateId: "",
  },
  twilio: {
    channelType: "whatsapp",
    provider: "twilio",
    phoneNumber: "+14155238886",
    confirmationPhoneNumber: "+14155550100",
    accountSid: `AC${"a1".repeat(16)}`,
    authToken: "0123456789abcdef0123456789abcdef",
    chatLanguage: "en",
  },
  telegram: {
    channelType: "telegram",
    provider: "telegram",
    appKey: "ak_abcdefghijklmnopqrst",
    appSecret: "sk_secret",
    baseUrl: "https://203.0.113.10:8443",
    trustCertificateId: TRUST,
    identityCertificateId: IDENTITY,
    botToken: "",
  },
};

function errorsOf(input: unknown, ctx = context): Record<string, string[]> {
  const result = channelInformationSchema(ctx).safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

describe("channel information (step 1)", () => {
  it.each(Object.entries(VALID))("accepts a valid %s channel", (variant, input) => {
    expect(errorsOf(input)).toEqual({});
    expect(variantOf(input as { provider: string; verificationMethod?: string })).toBe(variant);
  });

  it("requires every required secret of a new channel, but not the optional bot token", () => {
    const errors = errorsOf({ ...VALID.infobip, password: "", accountKey: "", webhookPassword: "" });
    expect(errors).toEqual({
      password: ["channels.validation.required"],
      accountKey: ["channels.validation.required"],
      webhookPassword: ["channels.validation.required"],
    });
    expect(errorsOf({ ...VALID.telegram, botToken: "" })).toEqual({});
  });

  it("reports missing secrets and a refused BaseUrl together with plain field errors, in one attempt", () => {
    const errors = errorsOf({ ...VALID.infobip, phoneNumber: "", userName: "", password: "", baseUrl: "https://evil.example.com" });
    expect(errors).toEqual({
      phoneNumber: ["channels.validation.required"],
      userName: ["channels.validation.required"],
      password: ["channels.validation.required"],
      baseUrl: ["trustlist.errors.notOnTrustlist"],
    });
  });

  it("keeps stored secrets when editing and the field is left empty", () => {
    const kept = { ...context, keptSecrets: ["authToken"] };
    expect(errorsOf({ ...VALID.twilio, authToken: "" }, kept)).toEqual({});
    expect(errorsOf({ ...VALID.twilio, authToken: "" })).toEqual({ authToken: ["channels.validation.required"] });
  });

  it("checks typed secrets' formats", () => {
    expect(errorsOf({ ...VALID.twilio, authToken: "not-hex" })).toEqual({ authToken: ["channels.validation.authTokenInvalid"] });
    expect(errorsOf({ ...VALID.infobip, webhookPassword: "short" })).toEqual({ webhookPassword: ["channels.validation.webhookPasswordTooShort"] });
    expect(errorsOf({ ...VALID.telegram, botToken: "nope" })).toEqual({ botToken: ["channels.validation.botTokenInvalid"] });
    expect(errorsOf({ ...VALID["cloud-api"], appSecret: "xyz" })).toEqual({ appSecret: ["channels.validation.appSecretInvalid"] });
  });

  it("refuses a token expiry date before today (UTC), but keeps a stored one that has since passed", () => {
    const at = { ...context, today: "2026-12-05" };
    const cloud = (tokenValidity: string) => ({ ...VALID["cloud-api"], tokenValidity });
    expect(errorsOf(cloud("2026-12-04"), at)).toEqual({ tokenValidity: ["channels.validation.tokenValidityPast"] });
    expect(errorsOf(cloud("2026-12-05"), at)).toEqual({});
    expect(errorsOf(cloud("never"), at)).toEqual({});
    const editing = { ...at, keptSecrets: ["appSecret", "accessToken"], storedTokenValidity: "2026-01-31" };
    expect(errorsOf({ ...cloud("2026-01-31"), appSecret: "", accessToken: "" }, editing)).toEqual({});
    expect(errorsOf({ ...cloud("2026-02-01"), appSecret: "", accessToken: "" }, editing)).toEqual({ tokenValidity: ["channels.validation.tokenValidityPast"] });
  });

  it("refuses numbers that are not E.164", () => {
    for (const phoneNumber of ["8613912345678", "+0613912345678", "+86 139 1234 5678", "+1234567890123456"]) {
      expect(errorsOf({ ...VALID.infobip, phoneNumber })).toEqual({ phoneNumber: ["channels.validation.phoneInvalid"] });
    }
  });

  it("refuses a malformed Twilio Account SID", () => {
    for (const accountSid of ["AC123", `XX${"a".repeat(32)}`, `AC${"g".repeat(32)}`]) {
      expect(errorsOf({ ...VALID.twilio, accountSid })).toEqual({ accountSid: ["channels.validation.accountSidInvalid"] });
    }
  });

  it("requires the oAuth BaseUrl shape and the Telegram IPv4 BaseUrl", () => {
    expect(errorsOf({ ...VALID["other-oAuth"], baseUrl: "https://bsp.example.com:8443/other" })).toEqual({
      baseUrl: ["channels.validation.oauthBaseUrlInvalid", "trustlist.errors.notOnTrustlist"],
    });
    expect(errorsOf({ ...VALID.telegram, baseUrl: "https://console.example.com:8443" })).toEqual({
      baseUrl: ["channels.validation.telegramBaseUrlInvalid", "trustlist.errors.notOnTrustlist"],
    });
  });

  it("refuses a BaseUrl that no approved trustlist prefix admits, with the precise reason", () => {
    expect(errorsOf({ ...VALID.infobip, baseUrl: "https://evil.example.com" })).toEqual({ baseUrl: ["trustlist.errors.notOnTrustlist"] });
    expect(errorsOf({ ...VALID.infobip, baseUrl: "http://acme.api.infobip.com" })).toEqual({
      baseUrl: ["channels.validation.baseUrlInvalid", "trustlist.errors.prefix.insecureScheme"],
    });
    expect(errorsOf({ ...VALID.infobip }, { ...context, approvedPrefixes: [] })).toEqual({ baseUrl: ["trustlist.errors.notOnTrustlist"] });
  });

  it("does not accept fields of another provider as a way around the rules", () => {
    const result = channelInformationSchema(context).safeParse({ ...VALID.twilio, phoneNumber: "bad", provider: "infobip" });
    expect(result.success).toBe(false);
  });

  it("refuses an unknown provider or verification method", () => {
    expect(Object.keys(errorsOf({ ...VALID.infobip, provider: "gupshup" }))).toEqual(["provider"]);
    expect(Object.keys(errorsOf({ ...VALID["other-basic"], verificationMethod: "hmac" }))).toEqual(["verificationMethod"]);
  });
});

describe("BaseUrl shapes", () => {
  it.each([
    ["https://203.0.113.10:8443", true],
    ["https://203.0.113.10:443/", true],
    ["https://203.0.113.10", false],
    ["https://203.0.113.10:8443/path", false],
    ["https://256.0.0.1:8443", false],
    ["https://example.com:8443", false],
    ["http://203.0.113.10:8443", false],
    ["https://203.0.113.10:70000", false],
  ])("Telegram %s → %s", (url, ok) => expect(isIpv4BaseUrl(url)).toBe(ok));

  it.each([
    ["https://10.1.2.3:18443/apiaccess/rest/ccmessaging", true],
    ["https://aicc.example.com:443/apiaccess/rest/ccmessaging/", true],
    ["https://aicc.example.com/apiaccess/rest/ccmessaging", false],
    ["https://aicc.example.com:443/apiaccess/rest/other", false],
    ["https://user:pw@aicc.example.com:443/apiaccess/rest/ccmessaging", false],
  ])("oAuth %s → %s", (url, ok) => expect(isOAuthBaseUrl(url)).toBe(ok));
});
