import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeInfobip, type FakeInfobip } from "@/testing/fake-providers/infobip";
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
import { probeInfobip, sendInfobipText, type InfobipSettings } from "./infobip";

/*
 * The Infobip client against the fake Infobip over real HTTPS on 127.0.0.1, through the guarded
 * connector with the trustlist and limits in PostgreSQL. The API key is a canary: it must reach the
 * fake in the Authorization header and appear in no result, message or error.
 */

const API_KEY = `canary-infobip-${"k".repeat(8)}-${Date.now()}`;
const SENDER = "+441134960000";
let testbed: ProviderTestbed;
let fake: FakeInfobip;
let mtls: FakeInfobip;
let unapproved: FakeInfobip;
let fakes: ProviderFakes<FakeInfobip>;

beforeAll(async () => {
  fakes = await openProviderFakes((extra) => startFakeInfobip({ apiKey: API_KEY, senders: ["441134960000"], ...extra }));
  ({ testbed, fake, mtls, unapproved } = fakes);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => fakes.reset());
afterAll(() => fakes.close());

const settings = (overrides: Partial<InfobipSettings> = {}): InfobipSettings => ({
  baseUrl: fake.origin,
  apiKey: API_KEY,
  sender: SENDER,
  trustCaPem: TEST_TRUST_CA,
  ...overrides,
});
const context = () => ({ scope: testbed.scope(), timeoutMs: TEST_TIMEOUT_MS });

describe("probe (no message sent)", () => {
  it("answers the sender's quality for good credentials, the key sent only as `App <key>`", async () => {
    const sender = valueOf(await probeInfobip(settings(), context()), [API_KEY]);
    expect(sender).toMatchObject({ sender: "441134960000", qualityRating: "HIGH", status: "CONNECTED" });
    expect(fake.requests).toHaveLength(1);
    const [call] = fake.requests;
    expect(call!.headers.authorization).toBe(`App ${API_KEY}`);
    expect(`${call!.path}?${call!.query}`).not.toContain(API_KEY);
    expect(fake.messages).toHaveLength(0);
  });

  it("answers unauthorized with Infobip's own words for a wrong key", async () => {
    const failure = failureOf(await probeInfobip(settings({ apiKey: `${API_KEY}-wrong` }), context()), [API_KEY]);
    expect(failure).toMatchObject({ kind: "unauthorized", retryable: false, status: 401, code: "UNAUTHORIZED", message: "Invalid login details" });
  });

  it("answers not-found for a sender the account does not have", async () => {
    const failure = failureOf(await probeInfobip(settings({ sender: "+441134960099" }), context()), [API_KEY]);
    expect(failure.kind).toBe("not-found");
  });

  it("cannot connect when the server's chain is not from the channel's trust certificate; no request reached the fake", async () => {
    const failure = failureOf(await probeInfobip(settings({ trustCaPem: OTHER_TRUST_CA }), context()), [API_KEY]);
    expect(failure).toEqual({ kind: "connect", retryable: true });
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a BaseUrl not on the trustlist before connecting", async () => {
    const failure = failureOf(await probeInfobip(settings({ baseUrl: unapproved.origin }), context()), [API_KEY]);
    expect(failure).toEqual({ kind: "connect", retryable: true });
    expect(unapproved.connections).toBe(0);
    expect(unapproved.requests).toHaveLength(0);
  });

  it("needs the identity certificate where the server demands one, and succeeds with it", async () => {
    const without = failureOf(await probeInfobip(settings({ baseUrl: mtls.origin }), context()), [API_KEY]);
    expect(without.kind).toBe("connect");
    expect(mtls.requests).toHaveLength(0);

    const sender = valueOf(await probeInfobip(settings({ baseUrl: mtls.origin, clientCert: TEST_CLIENT_CERT }), context()), [API_KEY]);
    expect(sender.sender).toBe("441134960000");
    expect(mtls.requests).toHaveLength(1);
  });
});

describe("sendText", () => {
  it("answers Infobip's message id", async () => {
    const sent = valueOf(await sendInfobipText(settings(), "+441134960001", "hello", context()), [API_KEY]);
    expect(fake.messages).toEqual([{ messageId: sent.messageId, from: "441134960000", to: "441134960001", text: "hello" }]);
    expect(sent.status).toBe("PENDING");
    expect(fake.requests[0]!.body).not.toContain(API_KEY);
  });

  it("classifies 429 as retryable with Retry-After's seconds", async () => {
    fake.answerNext({ kind: "rate-limited", retryAfterSeconds: 7 });
    const failure = failureOf(await sendInfobipText(settings(), "+441134960001", "hello", context()), [API_KEY]);
    expect(failure).toMatchObject({ kind: "rate-limited", retryable: true, retryAfterSeconds: 7, code: "E429" });
  });

  it("classifies a 5xx as retryable", async () => {
    fake.answerNext({ kind: "server-error", status: 503 });
    const failure = failureOf(await sendInfobipText(settings(), "+441134960001", "hello", context()), [API_KEY]);
    expect(failure).toMatchObject({ kind: "provider-error", retryable: true, status: 503, code: "E500" });
  });

  it("classifies Infobip's refusal as permanent with its code", async () => {
    fake.answerNext({ kind: "permanent" });
    const failure = failureOf(await sendInfobipText(settings(), "+441134960001", "hello", context()), [API_KEY]);
    expect(failure).toMatchObject({ kind: "provider-error", retryable: false, status: 400, code: "E400", message: "Request cannot be processed." });
    expect(fake.messages).toHaveLength(0);
  });
});
