import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeMeta, type FakeMeta, type FakeMetaOptions } from "@/testing/fake-providers/meta";
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
import { probeCloudApi, sendCloudApiText, type CloudApiSettings } from "./cloud-api";

/*
 * The Cloud API client against the fake Graph API over real HTTPS on 127.0.0.1, through the
 * guarded connector and the trustlist in PostgreSQL. The access token is a canary.
 */

const TOKEN = `EAAcanary${Date.now()}ZZtokenZZ`;
const NUMBER_ID = "106540352242922";
const FAKE_OPTIONS: FakeMetaOptions = { tokens: { [TOKEN]: [NUMBER_ID] }, coldRecipients: ["16505550000"] };

let testbed: ProviderTestbed;
let fake: FakeMeta;
let mtls: FakeMeta;
let unapproved: FakeMeta;
let fakes: ProviderFakes<FakeMeta>;

beforeAll(async () => {
  fakes = await openProviderFakes((extra) => startFakeMeta({ ...FAKE_OPTIONS, ...extra }));
  ({ testbed, fake, mtls, unapproved } = fakes);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => fakes.reset());
afterAll(() => fakes.close());

const settings = (overrides: Partial<CloudApiSettings> = {}): CloudApiSettings => ({
  graphBaseUrl: fake.graphBaseUrl,
  accessToken: TOKEN,
  phoneNumberId: NUMBER_ID,
  trustCaPem: TEST_TRUST_CA,
  ...overrides,
});
const context = () => ({ scope: testbed.scope(), timeoutMs: TEST_TIMEOUT_MS });

describe("probe (no message sent)", () => {
  it("answers the number's fields, the token sent only as Bearer", async () => {
    const number = valueOf(await probeCloudApi(settings(), context()), [TOKEN]);
    expect(number).toMatchObject({ id: NUMBER_ID, display_phone_number: "+1 555-078-3881", verified_name: "Acme Support", quality_rating: "GREEN" });
    expect(number.health_status?.can_send_message).toBe("AVAILABLE");
    const [call] = fake.requests;
    expect(call!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(`${call!.path}?${call!.query}${call!.body}`).not.toContain(TOKEN);
    expect(fake.messages).toHaveLength(0);
  });

  it("answers unauthorized with Meta's code 190 and message for a wrong token", async () => {
    const failure = failureOf(await probeCloudApi(settings({ accessToken: `${TOKEN}x` }), context()), [TOKEN]);
    expect(failure).toMatchObject({ kind: "unauthorized", retryable: false, code: "190", message: "Invalid OAuth access token - Cannot parse access token" });
  });

  it("answers not-found (100/33) for a number id the token cannot read", async () => {
    const failure = failureOf(await probeCloudApi(settings({ phoneNumberId: "106540352242999" }), context()), [TOKEN]);
    expect(failure).toMatchObject({ kind: "not-found", code: "100" });
    expect(failure.kind === "not-found" && failure.message).toContain("Object with ID '106540352242999' does not exist");
  });

  it("cannot connect with another CA as the trust certificate; nothing reached the fake", async () => {
    expect(failureOf(await probeCloudApi(settings({ trustCaPem: OTHER_TRUST_CA }), context()), [TOKEN]).kind).toBe("connect");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a Graph base not on the trustlist before connecting", async () => {
    expect(failureOf(await probeCloudApi(settings({ graphBaseUrl: unapproved.graphBaseUrl }), context()), [TOKEN]).kind).toBe("connect");
    expect(unapproved.connections).toBe(0);
  });

  it("needs the identity certificate where the server demands one, and succeeds with it", async () => {
    expect(failureOf(await probeCloudApi(settings({ graphBaseUrl: mtls.graphBaseUrl }), context()), [TOKEN]).kind).toBe("connect");
    expect(mtls.requests).toHaveLength(0);
    valueOf(await probeCloudApi(settings({ graphBaseUrl: mtls.graphBaseUrl, clientCert: TEST_CLIENT_CERT }), context()), [TOKEN]);
  });
});

describe("sendText", () => {
  it("answers the wamid", async () => {
    const sent = valueOf(await sendCloudApiText(settings(), "+16505551234", "hello", context()), [TOKEN]);
    expect(fake.messages).toEqual([{ messageId: sent.messageId, phoneNumberId: NUMBER_ID, to: "16505551234", text: "hello" }]);
    expect(sent.messageId).toMatch(/^wamid\./);
  });

  it("classifies 131047 (outside the 24-hour window) as its own permanent kind", async () => {
    const failure = failureOf(await sendCloudApiText(settings(), "+16505550000", "hello", context()), [TOKEN]);
    expect(failure).toMatchObject({ kind: "outside-window", retryable: false, code: "131047" });
    expect(failure.kind === "outside-window" && failure.message).toContain("more than 24 hours");
  });

  it("classifies 429 as retryable with Retry-After's seconds", async () => {
    fake.answerNext({ kind: "rate-limited", retryAfterSeconds: 30 });
    expect(failureOf(await sendCloudApiText(settings(), "+16505551234", "hello", context()), [TOKEN])).toMatchObject({
      kind: "rate-limited",
      retryable: true,
      retryAfterSeconds: 30,
      code: "130429",
    });
  });

  it("classifies a 5xx as retryable and Meta's refusal as permanent with its code", async () => {
    fake.answerNext({ kind: "server-error" });
    expect(failureOf(await sendCloudApiText(settings(), "+16505551234", "hello", context()), [TOKEN])).toMatchObject({ kind: "provider-error", retryable: true, status: 503 });
    fake.answerNext({ kind: "permanent" });
    expect(failureOf(await sendCloudApiText(settings(), "+16505551234", "hello", context()), [TOKEN])).toMatchObject({
      kind: "provider-error",
      retryable: false,
      status: 400,
      code: "131030",
    });
    expect(fake.messages).toHaveLength(0);
  });
});
