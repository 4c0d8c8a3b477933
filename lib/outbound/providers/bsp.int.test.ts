import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeInfobip, type FakeInfobip, type FakeInfobipOptions } from "@/testing/fake-providers/infobip";
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
import { probeBsp, sendBspText, type BspAuth, type BspSettings } from "./bsp";

/*
 * The customer-built BSP client (Infobip's shape) with Basic and with OAuth 2.0 client credentials,
 * against the fake over real HTTPS on 127.0.0.1 through the guarded connector. The password / client
 * secret is a canary; so is every access token the fake issued.
 */

const SECRET = `canary-bsp-${Date.now()}-s3cr3t`;
const SENDERS = ["5511912345678"];
const FAKE_OPTIONS: FakeInfobipOptions = { basic: { user: "itau", password: SECRET }, oauth: { clientId: "itau", clientSecret: SECRET }, senders: SENDERS };

let testbed: ProviderTestbed;
let fake: FakeInfobip;
let mtls: FakeInfobip;
let unapproved: FakeInfobip;
let fakes: ProviderFakes<FakeInfobip>;

beforeAll(async () => {
  fakes = await openProviderFakes((extra) => startFakeInfobip({ ...FAKE_OPTIONS, ...extra }));
  ({ testbed, fake, mtls, unapproved } = fakes);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => fakes.reset());
afterAll(() => fakes.close());

const context = () => ({ scope: testbed.scope(), timeoutMs: TEST_TIMEOUT_MS });
const canaries = () => [SECRET, ...fake.issuedTokens, ...mtls.issuedTokens];

describe.each<[string, (secret: string) => BspAuth]>([
  ["basic", (secret) => ({ kind: "basic", userName: "itau", password: secret })],
  ["oauth", (secret) => ({ kind: "oauth", clientId: "itau", clientSecret: secret })],
])("%s", (_name, authWith) => {
  const settings = (overrides: Partial<Omit<BspSettings, "sender">> = {}): BspSettings & { sender: string } => ({
    baseUrl: fake.origin,
    auth: authWith(SECRET),
    sender: "+5511912345678",
    trustCaPem: TEST_TRUST_CA,
    ...overrides,
  });

  it("probes the sender with good credentials, the secret never in a URL or body", async () => {
    const sender = valueOf(await probeBsp(settings(), context()), canaries());
    expect(sender.sender).toBe("5511912345678");
    for (const request of fake.requests) {
      expect(`${request.path}?${request.query}${request.body}`).not.toContain(SECRET);
      for (const token of fake.issuedTokens) expect(`${request.path}?${request.query}${request.body}`).not.toContain(token);
    }
  });

  it("answers unauthorized for a wrong password / client secret, with the provider's code", async () => {
    const failure = failureOf(await probeBsp(settings({ auth: authWith(`${SECRET}-wrong`) }), context()), canaries());
    expect(failure).toMatchObject({ kind: "unauthorized", retryable: false, status: 401 });
    expect(failure.kind === "unauthorized" && failure.code).toBe(_name === "basic" ? "UNAUTHORIZED" : "invalid_client");
  });

  it("cannot connect with another CA as the trust certificate; nothing reached the fake", async () => {
    const failure = failureOf(await probeBsp(settings({ trustCaPem: OTHER_TRUST_CA }), context()), canaries());
    expect(failure.kind).toBe("connect");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a BaseUrl not on the trustlist before connecting", async () => {
    const failure = failureOf(await probeBsp(settings({ baseUrl: unapproved.origin }), context()), canaries());
    expect(failure.kind).toBe("connect");
    expect(unapproved.connections).toBe(0);
  });

  it("needs the identity certificate where the BSP demands one, and succeeds with it", async () => {
    expect(failureOf(await probeBsp(settings({ baseUrl: mtls.origin }), context()), canaries()).kind).toBe("connect");
    expect(mtls.requests).toHaveLength(0);
    valueOf(await probeBsp(settings({ baseUrl: mtls.origin, clientCert: TEST_CLIENT_CERT }), context()), canaries());
  });

  it("sends, answering the BSP's message id", async () => {
    const sent = valueOf(await sendBspText(settings(), "+5511987654321", "hi", context()), canaries());
    expect(fake.messages.map((m) => m.messageId)).toEqual([sent.messageId]);
  });

  it("classifies 429 as retryable with Retry-After's seconds, and a refusal as permanent with its code", async () => {
    fake.answerNext({ kind: "rate-limited", retryAfterSeconds: 12 });
    expect(failureOf(await sendBspText(settings(), "+5511987654321", "hi", context()), canaries())).toMatchObject({
      kind: "rate-limited",
      retryable: true,
      retryAfterSeconds: 12,
    });
    fake.answerNext({ kind: "permanent" });
    expect(failureOf(await sendBspText(settings(), "+5511987654321", "hi", context()), canaries())).toMatchObject({
      kind: "provider-error",
      retryable: false,
      code: "E400",
    });
    expect(fake.messages).toHaveLength(0);
  });
});

describe("oauth tokens", () => {
  it("sends for an oAuth channel without a number of its own: no `from`, the BSP knows its sender from the token", async () => {
    const own = await startFakeInfobip(FAKE_OPTIONS);
    try {
      await testbed.approve(own.prefix);
      const settings: BspSettings = { baseUrl: own.origin, auth: { kind: "oauth", clientId: "itau", clientSecret: SECRET }, trustCaPem: TEST_TRUST_CA };
      valueOf(await sendBspText(settings, "+5511987654321", "hi", context()), [SECRET, ...own.issuedTokens]);
      const sent = JSON.parse(own.requests.at(-1)!.body) as Record<string, unknown>;
      expect(sent).not.toHaveProperty("from");
      expect(own.messages).toEqual([expect.objectContaining({ to: "5511987654321", text: "hi" })]);
    } finally {
      await own.close();
    }
  });

  it("asks for a token once for several calls, sends it only as Bearer, and fetches a new one when the BSP forgets it", async () => {
    const own = await startFakeInfobip(FAKE_OPTIONS); // a token URL of its own: nothing cached for it yet
    try {
      await testbed.approve(own.prefix);
      const settings: BspSettings & { sender: string } = {
        baseUrl: own.origin,
        auth: { kind: "oauth", clientId: "itau", clientSecret: SECRET },
        sender: "+5511912345678",
        trustCaPem: TEST_TRUST_CA,
      };
      const secrets = () => [SECRET, ...own.issuedTokens];
      valueOf(await probeBsp(settings, context()), secrets());
      valueOf(await sendBspText(settings, "+5511987654321", "hi", context()), secrets());
      expect(own.requests.map((request) => request.path)).toEqual(["/oauth/token", "/whatsapp/1/senders/quality", "/whatsapp/1/message/text"]);
      expect(own.requests[0]!.body).toBe("grant_type=client_credentials");
      expect(own.requests.slice(1).map((request) => request.headers.authorization)).toEqual([`Bearer ${own.issuedTokens[0]}`, `Bearer ${own.issuedTokens[0]}`]);

      own.reset(); // the BSP forgets its tokens (a restart, a revocation)
      valueOf(await probeBsp(settings, context()), secrets());
      expect(own.requests.map((request) => request.path)).toEqual(["/whatsapp/1/senders/quality", "/oauth/token", "/whatsapp/1/senders/quality"]);
    } finally {
      await own.close();
    }
  });
});
