import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeTwilio, type FakeTwilio, type FakeTwilioOptions } from "@/testing/fake-providers/twilio";
import {
  failureOf,
  openProviderFakes,
  OTHER_TRUST_CA,
  TEST_CLIENT_CERT,
  TEST_TIMEOUT_MS,
  TEST_TRUST_CA,
  valueOf,
  type ProviderFakes,
  type ProviderTestbed,
} from "@/testing/fake-providers/testbed";
import { probeTwilio, sendTwilioText, type TwilioSettings } from "./twilio";

/*
 * The Twilio client against the fake Twilio REST API over real HTTPS on 127.0.0.1 (standing in
 * for TWILIO_API_BASE_URL), through the guarded connector and the trustlist in PostgreSQL. The
 * Auth Token is a canary.
 */

const SID = `AC${"0123456789abcdef".repeat(2)}`;
const AUTH_TOKEN = `canarytwilio${Date.now()}token`;
const FAKE_OPTIONS: FakeTwilioOptions = { accountSid: SID, authToken: AUTH_TOKEN, senders: ["+14155238886"] };

let testbed: ProviderTestbed;
let fake: FakeTwilio;
let mtls: FakeTwilio;
let unapproved: FakeTwilio;
let fakes: ProviderFakes<FakeTwilio>;

beforeAll(async () => {
  fakes = await openProviderFakes((extra) => startFakeTwilio({ ...FAKE_OPTIONS, ...extra }));
  ({ testbed, fake, mtls, unapproved } = fakes);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => fakes.reset());
afterAll(() => fakes.close());

const settings = (overrides: Partial<TwilioSettings> = {}): TwilioSettings => ({
  apiBaseUrl: fake.origin,
  accountSid: SID,
  authToken: AUTH_TOKEN,
  from: "+14155238886",
  trustCaPem: TEST_TRUST_CA,
  ...overrides,
});
const context = () => ({ scope: testbed.scope(), timeoutMs: TEST_TIMEOUT_MS });

describe("probe (no message sent)", () => {
  it("answers the account, the token sent only in the Basic header", async () => {
    const account = valueOf(await probeTwilio(settings(), context()), [AUTH_TOKEN]);
    expect(account).toMatchObject({ sid: SID, status: "active", type: "Full", friendly_name: "Acme Support" });
    const [call] = fake.requests;
    expect(call!.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${AUTH_TOKEN}`).toString("base64")}`);
    expect(`${call!.path}?${call!.query}${call!.body}`).not.toContain(AUTH_TOKEN);
  });

  it("answers unauthorized with Twilio's 20003 'Authenticate' for a wrong Auth Token", async () => {
    const failure = failureOf(await probeTwilio(settings({ authToken: `${AUTH_TOKEN}x` }), context()), [AUTH_TOKEN]);
    expect(failure).toMatchObject({ kind: "unauthorized", retryable: false, status: 401, code: "20003", message: "Authenticate" });
  });

  it("refuses an Account SID that is not one without calling", async () => {
    const failure = failureOf(await probeTwilio(settings({ accountSid: "AC../../x" }), context()), [AUTH_TOKEN]);
    expect(failure.kind).toBe("unauthorized");
    expect(fake.connections).toBe(0);
  });

  it("cannot connect with another CA as the trust certificate; nothing reached the fake", async () => {
    expect(failureOf(await probeTwilio(settings({ trustCaPem: OTHER_TRUST_CA }), context()), [AUTH_TOKEN]).kind).toBe("connect");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses an API base not on the trustlist before connecting", async () => {
    expect(failureOf(await probeTwilio(settings({ apiBaseUrl: unapproved.origin }), context()), [AUTH_TOKEN]).kind).toBe("connect");
    expect(unapproved.connections).toBe(0);
  });

  it("needs the identity certificate where the server demands one, and succeeds with it", async () => {
    expect(failureOf(await probeTwilio(settings({ apiBaseUrl: mtls.origin }), context()), [AUTH_TOKEN]).kind).toBe("connect");
    expect(mtls.requests).toHaveLength(0);
    valueOf(await probeTwilio(settings({ apiBaseUrl: mtls.origin, clientCert: TEST_CLIENT_CERT }), context()), [AUTH_TOKEN]);
  });
});

describe("sendText", () => {
  it("answers the message SID, sent as whatsapp: addresses", async () => {
    const sent = valueOf(await sendTwilioText(settings(), "+16505551234", "hello", context()), [AUTH_TOKEN]);
    expect(fake.messages).toEqual([{ sid: sent.messageId, from: "whatsapp:+14155238886", to: "whatsapp:+16505551234", body: "hello" }]);
    expect(sent.status).toBe("queued");
  });

  it("classifies 429 (20429) as retryable with Retry-After's seconds", async () => {
    fake.answerNext({ kind: "rate-limited", retryAfterSeconds: 3 });
    expect(failureOf(await sendTwilioText(settings(), "+16505551234", "hello", context()), [AUTH_TOKEN])).toMatchObject({
      kind: "rate-limited",
      retryable: true,
      retryAfterSeconds: 3,
      code: "20429",
    });
  });

  it("classifies a 5xx as retryable and an invalid recipient (21211) as permanent with its code", async () => {
    fake.answerNext({ kind: "server-error" });
    expect(failureOf(await sendTwilioText(settings(), "+16505551234", "hello", context()), [AUTH_TOKEN])).toMatchObject({ kind: "provider-error", retryable: true, status: 500 });
    expect(failureOf(await sendTwilioText(settings(), "+1555", "hello", context()), [AUTH_TOKEN])).toMatchObject({
      kind: "provider-error",
      retryable: false,
      status: 400,
      code: "21211",
    });
    expect(fake.messages).toHaveLength(0);
  });
});
