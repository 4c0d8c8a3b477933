import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { bearerTokenFor, createWebhookChannel, type WebhookTestChannel } from "@/testing/db/webhook-fixtures";
import { NOT_A_WEBHOOK_CALL, startDirectWebhookServer, useProcessIngestor } from "@/testing/db/webhook-server";
import { WEBHOOK_PROVIDER_SEGMENT } from "@/lib/channels/integration";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { twilioSignature } from "../verify/twilio-signature";
import { fixtureBytes, telegramFixtures, twilioFixtures, twilioForm } from "@/testing/fixtures/webhooks";
import { webhookRouteHandlers } from "./route-handlers";
import { ENDPOINTS_BY_SEGMENT, type WebhookSegment } from "./webhook-channel";
import { captureLog } from "@/testing/log-capture";

/*
 * Thousands of random and mutated calls at every provider endpoint, half through the route
 * handlers the app exports and half over HTTP to the production server's direct path
 * (node-transport.ts), so a thrown error shows up as the 500 a provider would see. Bodies start from
 * the real fixtures and are mutated byte by byte or field by field, or are random JSON, text or
 * bytes; headers are random, huge, Latin-1-encoded UTF-8, empty, or near misses of the real
 * credential. Properties: never a 500; nothing is stored without authentication; a correctly
 * signed body is answered 200 or 400, and a 400 names the field.
 *
 * Runs (2 shared cores, about 30 s in all): 1,500 unauthenticated calls, 1,500 signed calls,
 * 400 handshakes, 200 calls with other methods.
 */

const RUNS = { unauthenticated: 1_500, signed: 1_500, handshake: 400, methods: 200 };
/*
 * `npm test` explores the same few thousand cases every time, so a red run always means a change
 * broke something. PROPERTY_SEED=random (or a number) explores others; a failure prints its seed.
 */
const SEED = process.env.PROPERTY_SEED === "random" ? undefined : Number(process.env.PROPERTY_SEED ?? 20261122);
fc.configureGlobal({ ...(SEED === undefined ? {} : { seed: SEED }) });
const PHONE_NUMBER_ID = "106540352242922";
const MiB = 1024 * 1024;
const CAP: Record<WebhookSegment, number> = { "whatsapp-cloud": 4 * MiB, infobip: MiB, bsp: MiB, twilio: MiB, telegram: MiB };

let t: TestDatabase;
let channels: Record<ChannelVariant, WebhookTestChannel>;
let bearerToken: string;
let directOrigin: string;
let stopIngestor: (() => Promise<void>) | undefined;
let stopServer: (() => Promise<void>) | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  // The route handlers and the direct path use the process-wide ingestor, as in production.
  stopIngestor = useProcessIngestor(t);
  const { admin } = await createTestTenant(t.db);
  const prerequisites = await ensureChannelPrerequisites(t.db, admin.tenantId!, { actorUserId: admin.id });
  const variants = ["infobip", "other-basic", "other-oAuth", "cloud-api", "twilio", "telegram"] as const;
  const created = await Promise.all(
    variants.map((variant) =>
      createWebhookChannel(t.db, admin, variant, { prerequisites, information: variant === "cloud-api" ? { phoneNumberId: PHONE_NUMBER_ID } : {} }),
    ),
  );
  channels = Object.fromEntries(created.map((channel) => [channel.variant, channel])) as typeof channels;
  bearerToken = await bearerTokenFor(t.db, channels["other-oAuth"]);
  ({ origin: directOrigin, close: stopServer } = await startDirectWebhookServer());
}, 60_000);

afterAll(async () => {
  await stopServer?.();
  await stopIngestor?.();
  await t?.close();
});

// ---- Endpoints and seed bodies ----

interface Endpoint {
  variant: ChannelVariant;
  name: string;
}

const ENDPOINTS: Endpoint[] = [
  { variant: "infobip", name: "message" },
  { variant: "infobip", name: "report" },
  { variant: "other-basic", name: "message" },
  { variant: "other-basic", name: "report" },
  { variant: "other-oAuth", name: "message" },
  { variant: "other-oAuth", name: "report" },
  { variant: "cloud-api", name: "webhook" },
  { variant: "twilio", name: "message" },
  { variant: "twilio", name: "status" },
  { variant: "telegram", name: "message" },
];

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const file = (name: string) => new Uint8Array(fixtureBytes(name));
const INFOBIP_SEEDS = ["infobip-inbound-text.json", "infobip-inbound-all-types.json", "infobip-delivery-reports.json", "infobip-delivery-report-minimal.json", "infobip-seen-reports.json"].map(file);
const META_SEEDS = ["meta-text.json", "meta-escaped-unicode.json", "meta-messages-all-types.json", "meta-statuses.json", "meta-batch.json", "meta-errors.json"].map(file);
const TELEGRAM_SEEDS = [file("telegram-update-text.json"), file("telegram-update-photo.json"), ...Object.values(telegramFixtures()).map((u) => utf8(JSON.stringify(u)))];
const TWILIO_SEEDS = [...Object.values(twilioFixtures("twilio-inbound.json")), ...Object.values(twilioFixtures("twilio-status.json"))].map((p) => utf8(twilioForm(p)));

const SEEDS: Record<ChannelVariant, Uint8Array[]> = {
  infobip: INFOBIP_SEEDS,
  "other-basic": INFOBIP_SEEDS,
  "other-oAuth": INFOBIP_SEEDS,
  "cloud-api": META_SEEDS,
  twilio: TWILIO_SEEDS,
  telegram: TELEGRAM_SEEDS,
};

// ---- Bodies ----

const DEEP_MARKER = "@@deep@@";

/** Values that have broken parsers before: edge times and numbers, NUL, lone surrogates, deep nesting. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    "",
    " ",
    "\u0000",
    "\ud800",
    "x\udfffy",
    "\ud83d",
    "9999-12-31T23:59:59.999-9959",
    "0000-01-01T00:00:00.000+0000",
    "2025-02-30T10:00:00.000+0000",
    "253402300799",
    "253402300800",
    "1e999",
    253402300799,
    253402300800,
    -1,
    1.5,
    1e308,
    2 ** 53 + 1,
    null,
    true,
    [],
    {},
    "A".repeat(5_000),
  ),
  // Written out by jsonText: JSON.stringify itself cannot write such depths.
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `${DEEP_MARKER}${depth}${DEEP_MARKER}`),
);

/** Every path into a JSON value, the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (out.length > 2_000) return out;
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

/** Replaces (or deletes) the value at one path of a fixture's JSON. */
function structuralMutation(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.nat(), fc.boolean(), nastyValue)
    .map(([seed, pick, remove, replacement]) => {
      const root = JSON.parse(Buffer.from(seed).toString("utf8")) as unknown;
      const paths = pathsOf(root);
      const path = paths[pick % paths.length]!;
      if (path.length === 0) return utf8(jsonText(replacement));
      const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as Record<string | number, unknown>;
      const key = path.at(-1)!;
      if (remove && Array.isArray(parent)) parent.splice(Number(key), 1);
      else if (remove) delete parent[key];
      else parent[key] = replacement;
      return utf8(jsonText(root));
    });
}

/** JSON text with every deep marker written out as arrays nested that deep. */
function jsonText(value: unknown): string {
  const deep = new RegExp(`"${DEEP_MARKER}(\\d+)${DEEP_MARKER}"`, "g");
  return (JSON.stringify(value) ?? "null").replace(deep, (_, depth: string) => `${"[".repeat(Number(depth))}${"]".repeat(Number(depth))}`);
}

type ByteMutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "truncate"; at: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.constantFrom("{", "}", "[", "]", '"', ",", ":", "\\", "\\u0000", "\\ud800", "null", "1e999", "&", "=", "%", "%00", "%ZZ", "+", "\u0000", "😀").map(utf8),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(seed: Uint8Array, mutations: ByteMutation[]): Uint8Array {
  let bytes = Buffer.from(seed);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    switch (m.kind) {
      case "flip":
        if (at < bytes.length) bytes[at] = bytes[at]! ^ (1 << m.bit);
        break;
      case "insert":
        bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
        break;
      case "delete":
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
        break;
      case "duplicate":
        bytes = Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)]);
        break;
      case "truncate":
        bytes = bytes.subarray(0, at);
        break;
    }
  }
  return new Uint8Array(bytes);
}

const randomForm = fc
  .array(fc.tuple(fc.constantFrom("MessageSid", "MessageStatus", "AccountSid", "From", "To", "Body", "NumMedia", "Latitude", "Longitude", "ErrorCode", "MessageType", "x"), fc.string({ maxLength: 40 })), { maxLength: 12 })
  .map((pairs) => utf8(new URLSearchParams(pairs).toString()));

/** A body for the endpoint: mostly fixtures mutated, sometimes anything at all, rarely over the cap. */
function bodyFor(endpoint: Endpoint): fc.Arbitrary<Uint8Array> {
  const seeds = SEEDS[endpoint.variant];
  const cap = CAP[channelSegment(endpoint.variant)];
  const json = endpoint.variant !== "twilio";
  const choices: fc.WeightedArbitrary<Uint8Array>[] = [
    { weight: 3, arbitrary: fc.constantFrom(...seeds) },
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(byteMutation, { minLength: 1, maxLength: 6 })).map(([seed, ms]) => mutate(seed, ms)) },
    json ? { weight: 6, arbitrary: structuralMutation(seeds) } : { weight: 3, arbitrary: randomForm },
    { weight: 2, arbitrary: fc.jsonValue().map((value) => utf8(JSON.stringify(value))) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }).map(utf8) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 64 }).map((extra) => new Uint8Array(cap + extra).fill(0x20)) },
  ];
  return fc.oneof(...choices);
}

const channelSegment = (variant: ChannelVariant): WebhookSegment => WEBHOOK_PROVIDER_SEGMENT[variant];

// ---- Headers ----

/** Characters an HTTP header value may carry (Node hands raw bytes over as Latin-1). */
const headerChar = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09)).map((code) => String.fromCharCode(code));
const asLatin1 = (text: string) =>
  Buffer.from(text, "utf8")
    .toString("latin1")
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");

const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.constant(""),
  fc.string({ unit: headerChar, maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 40 }).map(asLatin1),
  fc.tuple(fc.constantFrom("Basic ", "Bearer ", "sha256=", "sha1=", "bearer  ", "Basic Og==", "Digest "), fc.string({ unit: headerChar, maxLength: 80 })).map(([a, b]) => a + b),
  fc.tuple(fc.integer({ min: 4_000, max: 40_000 }), headerChar).map(([n, c]) => c.repeat(n)),
);

const NOISE_HEADERS = ["content-type", "content-length", "x-forwarded-for", "user-agent", "accept", "x-random"];
const AUTH_HEADERS = ["accountkey", "authorization", "x-hub-signature-256", "x-twilio-signature", "x-telegram-bot-api-secret-token"];

const randomHeaders = (names: string[]) => fc.dictionary(fc.constantFrom(...names), headerValue, { maxKeys: 5 });

/** One character changed, one added, one removed, or the case flipped: close to the secret but not it. */
const nearMiss = (secret: string) =>
  fc.tuple(fc.nat(), fc.constantFrom("change", "append", "drop", "case")).map(([at, how]) => {
    const i = at % secret.length;
    if (how === "append") return `${secret}A`;
    if (how === "drop") return secret.slice(0, i) + secret.slice(i + 1);
    if (how === "case" && secret.toUpperCase() !== secret.toLowerCase()) return secret === secret.toUpperCase() ? secret.toLowerCase() : secret.toUpperCase();
    return secret.slice(0, i) + (secret[i] === "0" ? "1" : "0") + secret.slice(i + 1);
  });

const bodyText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const formParams = (bytes: Uint8Array) => {
  // No prototype: a parameter may be called "__proto__" or "valueOf".
  const params: Record<string, string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(bodyText(bytes))) (params[name] ??= []).push(value);
  return params;
};
const metaHeader = (bytes: Uint8Array, secret: string) => `sha256=${createHmac("sha256", secret).update(bytes).digest("hex")}`;
const urlOf = (endpoint: Endpoint) => channels[endpoint.variant].urls[endpoint.name] ?? channels[endpoint.variant].urls.webhook!;

/** The provider's own credential for this body, as the real provider would present it. */
function credentialFor(endpoint: Endpoint, bytes: Uint8Array): Record<string, string> {
  const channel = channels[endpoint.variant];
  switch (endpoint.variant) {
    case "infobip":
    case "other-basic":
      return { accountkey: channel.secrets.webhookPassword };
    case "other-oAuth":
      return { authorization: `Bearer ${bearerToken}` };
    case "cloud-api":
      return { "x-hub-signature-256": metaHeader(bytes, channel.secrets.appSecret) };
    case "twilio":
      return { "x-twilio-signature": twilioSignature(channel.secrets.authToken, urlOf(endpoint), formParams(bytes)) };
    case "telegram":
      return { "x-telegram-bot-api-secret-token": channel.integrationToken! };
  }
}

/** Wrong credentials of every kind: random, near misses of the real one, or the right one for another body. */
function wrongCredential(endpoint: Endpoint): fc.Arbitrary<Record<string, string>> {
  const channel = channels[endpoint.variant];
  const seedCredential = fc.constantFrom(...SEEDS[endpoint.variant]).map((seed) => credentialFor(endpoint, seed));
  switch (endpoint.variant) {
    case "infobip":
    case "other-basic": {
      const password = channel.secrets.webhookPassword;
      return fc.oneof(
        nearMiss(password).map((value) => ({ accountkey: value })),
        nearMiss(password).map((value) => ({ authorization: `Basic ${Buffer.from(`user:${value}`).toString("base64")}` })),
        nearMiss(password).map((value) => ({ authorization: value })),
        fc.constant({ authorization: `Basic ${Buffer.from(`${password}:`).toString("base64")}` }),
      );
    }
    case "other-oAuth":
      return fc.oneof(
        nearMiss(bearerToken).map((value) => ({ authorization: `Bearer ${value}` })),
        fc.constant({ authorization: `Basic ${Buffer.from(`x:${bearerToken}`).toString("base64")}` }),
        fc.constant({ accountkey: channel.secrets.webhookPassword }),
      );
    case "cloud-api":
      return fc.oneof(seedCredential, nearMiss(channel.secrets.appSecret).map((secret) => ({ "x-hub-signature-256": metaHeader(utf8("{}"), secret) })));
    case "twilio":
      return fc.oneof(seedCredential, nearMiss(channel.secrets.authToken).map((token) => ({ "x-twilio-signature": twilioSignature(token, urlOf(endpoint), {}) })));
    case "telegram":
      return nearMiss(channel.integrationToken!).map((value) => ({ "x-telegram-bot-api-secret-token": value }));
  }
}

/** Whether the headers carry the right credential for these bytes (a mutation can leave a seed's signature valid). */
function authentic(endpoint: Endpoint, headers: Headers, bytes: Uint8Array): boolean {
  const expected = credentialFor(endpoint, bytes);
  const [[name, value]] = Object.entries(expected) as [[string, string]];
  const presented = headers.get(name)?.trim();
  if (endpoint.variant === "cloud-api") return presented?.toLowerCase() === value;
  if (endpoint.variant === "infobip" || endpoint.variant === "other-basic") {
    const authorization = headers.get("authorization") ?? "";
    const basic = /^\s*basic\s+(\S+)\s*$/i.exec(authorization);
    const basicPassword = basic ? Buffer.from(basic[1]!, "base64").toString("utf8").split(":").slice(1).join(":") : null;
    return presented === value || basicPassword === value || (endpoint.variant === "other-basic" && authorization.trim() === value);
  }
  if (endpoint.variant === "other-oAuth") return /^bearer\s+/i.test(headers.get("authorization") ?? "") && (headers.get("authorization") ?? "").trim().split(/\s+/)[1] === bearerToken;
  return presented === value;
}

// ---- Calls through the route handlers ----

const HANDLERS = Object.fromEntries(
  (Object.keys(ENDPOINTS_BY_SEGMENT) as WebhookSegment[]).map((segment) => [segment, webhookRouteHandlers(segment)]),
) as Record<WebhookSegment, ReturnType<typeof webhookRouteHandlers>>;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const callsBy = { direct: 0, routeHandler: 0 };

async function call(method: Method, endpoint: Endpoint, bytes: Uint8Array | null, headers: Headers, url = urlOf(endpoint)): Promise<Response> {
  const direct = viaDirectPath(method, bytes, headers, url);
  callsBy[direct ? "direct" : "routeHandler"] += 1;
  return direct ? callDirect(method, bytes, headers, url) : callRouteHandler(method, endpoint, bytes, headers, url);
}

/**
 * Half of the cases, chosen by a digest of the case (so a shrunk case keeps its path). Headers
 * over node:http's 16 KiB limit never reach any handler of a node server (Node answers 431
 * itself): those cases take the route handlers.
 */
function viaDirectPath(method: Method, bytes: Uint8Array | null, headers: Headers, url: string): boolean {
  const headerBytes = [...headers].reduce((sum, [name, value]) => sum + name.length + value.length + 4, url.length + 200);
  if (headerBytes > http.maxHeaderSize) return false;
  const digest = createHash("sha256").update(`${method} ${url}\n${[...headers].join("\n")}\n`);
  if (bytes) digest.update(bytes);
  return digest.digest()[0]! % 2 === 0;
}

async function callDirect(method: Method, bytes: Uint8Array | null, headers: Headers, url: string): Promise<Response> {
  const target = new URL(url);
  const sent = new Headers(headers);
  // The client states the length of what it sends; a made-up Content-Length cannot go over HTTP.
  sent.delete("content-length");
  const response = await fetch(`${directOrigin}${target.pathname}${target.search}`, { method, headers: sent, body: bytes === null ? undefined : Buffer.from(bytes) });
  expect(response.status, "the direct path must serve every webhook URL").not.toBe(NOT_A_WEBHOOK_CALL);
  return response;
}

async function callRouteHandler(method: Method, endpoint: Endpoint, bytes: Uint8Array | null, headers: Headers, url: string): Promise<Response> {
  const channel = channels[endpoint.variant];
  const oneUrl = channel.segment === "whatsapp-cloud" || channel.segment === "telegram";
  const request = new Request(url, { method, headers, body: bytes === null ? null : Buffer.from(bytes) });
  const params = Promise.resolve({ channelKey: channel.webhookKey, ...(oneUrl ? {} : { endpoint: endpoint.name }) });
  return HANDLERS[channel.segment][method](request, { params });
}

/** Headers as Node would hand them over; values Fetch refuses to carry are left out, as no client could send them. */
function toHeaders(...sets: Record<string, string>[]): Headers {
  const headers = new Headers();
  for (const set of sets) {
    for (const [name, value] of Object.entries(set)) {
      try {
        headers.set(name, value);
      } catch {
        // not sendable over HTTP
      }
    }
  }
  return headers;
}

async function storedEvents(): Promise<number> {
  const { rows } = await t.pool.query<{ count: string }>("select count(*) from webhook_events");
  return Number(rows[0]!.count);
}

const endpointArb = fc.constantFrom(...ENDPOINTS);

describe("random and mutated calls at every endpoint", () => {
  it("never answers 500 and stores nothing without authentication", async () => {
    const log = captureLog();
    const property = fc.asyncProperty(
      endpointArb.chain((endpoint) =>
        fc.record({
          endpoint: fc.constant(endpoint),
          body: bodyFor(endpoint),
          credential: fc.oneof(fc.constant({}), wrongCredential(endpoint)),
          noise: randomHeaders([...NOISE_HEADERS, ...AUTH_HEADERS]),
        }),
      ),
      async ({ endpoint, body, credential, noise }) => {
        const headers = toHeaders(noise, credential);
        const before = await storedEvents();
        const response = await call("POST", endpoint, body, headers);
        if (authentic(endpoint, headers, body)) {
          expect([200, 400, 413]).toContain(response.status);
          return;
        }
        expect([401, 403, 413]).toContain(response.status);
        const cap = CAP[channelSegment(endpoint.variant)];
        if (response.status === 413) expect(body.length > cap || Number(headers.get("content-length")) > cap).toBe(true);
        expect(await storedEvents()).toBe(before);
      },
    );
    await fc.assert(property, { numRuns: RUNS.unauthenticated });
    log.restore();
    expect(log.at("error")).toEqual([]);
    // Both ways in were exercised, each with a fair share of the cases.
    expect(Math.min(callsBy.direct, callsBy.routeHandler)).toBeGreaterThan(RUNS.unauthenticated / 4);
  }, 120_000);

  it("answers a correctly signed body 200 or 400, stores what it says, and a 400 names the field", async () => {
    const log = captureLog();
    const property = fc.asyncProperty(
      endpointArb.chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), body: bodyFor(endpoint), noise: randomHeaders(["user-agent", "x-random", "content-type"]) })),
      async ({ endpoint, body, noise }) => {
        const headers = toHeaders(noise, credentialFor(endpoint, body));
        const before = await storedEvents();
        const response = await call("POST", endpoint, body, headers);
        const stored = (await storedEvents()) - before;
        if (body.length > CAP[channelSegment(endpoint.variant)]) {
          expect(response.status).toBe(413);
          expect(stored).toBe(0);
          return;
        }
        expect([200, 400]).toContain(response.status);
        if (response.status === 400) {
          const answer = (await response.json()) as { error: { code: string; field?: unknown } };
          expect(answer.error.code).toBe("payloadInvalid");
          expect(typeof answer.error.field).toBe("string");
          if (endpoint.variant === "twilio" || isJsonObject(body)) expect(answer.error.field).not.toBe("");
          expect(stored).toBe(0);
        } else if (endpoint.variant === "twilio") {
          expect(await response.text()).toContain("<Response/>");
          expect(stored).toBeLessThanOrEqual(1);
        } else {
          const answer = (await response.json()) as { stored: number };
          expect(stored).toBe(answer.stored);
        }
      },
    );
    await fc.assert(property, { numRuns: RUNS.signed });
    log.restore();
    expect(log.at("error")).toEqual([]);
  }, 120_000);

  it("answers Meta's handshake only for the right token, as plain text, and never 500", async () => {
    const channel = () => channels["cloud-api"];
    const param = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 10 }), fc.constant(""));
    const property = fc.asyncProperty(
      fc.record({
        mode: fc.option(fc.oneof(fc.constant("subscribe"), param), { nil: undefined }),
        token: fc.option(fc.oneof(param, fc.constant("right"), nearMiss(channels["cloud-api"].integrationToken!)), { nil: undefined }),
        challenge: fc.option(fc.oneof(fc.stringMatching(/^\d{1,12}$/), param, fc.string({ minLength: 257, maxLength: 300 })), { nil: undefined }),
        extra: fc.array(fc.tuple(fc.oneof(param, fc.constantFrom("hub.mode", "hub.verify_token", "hub.challenge")), param), { maxLength: 3 }),
      }),
      async ({ mode, token, challenge, extra }) => {
        const url = new URL(channel().urls.webhook!);
        for (const [name, value] of extra) url.searchParams.append(name, value);
        if (mode !== undefined) url.searchParams.set("hub.mode", mode);
        if (token !== undefined) url.searchParams.set("hub.verify_token", token === "right" ? channel().integrationToken! : token);
        if (challenge !== undefined) url.searchParams.set("hub.challenge", challenge);
        const response = await call("GET", { variant: "cloud-api", name: "webhook" }, null, new Headers(), url.toString());
        const query = url.searchParams;
        const echoed = query.get("hub.challenge");
        const valid = query.get("hub.mode") === "subscribe" && query.get("hub.verify_token") === channel().integrationToken && echoed !== null && /^[\x21-\x7e]{1,256}$/.test(echoed);
        if (valid) {
          expect(response.status).toBe(200);
          expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
          expect(await response.text()).toBe(echoed);
        } else {
          expect([400, 401, 403]).toContain(response.status);
          const text = await response.text();
          if (echoed) expect(text).not.toBe(echoed);
        }
      },
    );
    await fc.assert(property, { numRuns: RUNS.handshake });
  }, 60_000);

  it("answers every other method 405 with Allow, whatever the body and headers", async () => {
    const property = fc.asyncProperty(
      endpointArb,
      fc.constantFrom<Method>("GET", "PUT", "PATCH", "DELETE"),
      fc.uint8Array({ maxLength: 200 }),
      randomHeaders([...NOISE_HEADERS, ...AUTH_HEADERS]),
      async (endpoint, method, body, noise) => {
        if (method === "GET" && endpoint.variant === "cloud-api") return;
        const response = await call(method, endpoint, method === "GET" ? null : body, toHeaders(noise));
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe(endpoint.variant === "cloud-api" ? "GET, POST" : "POST");
      },
    );
    await fc.assert(property, { numRuns: RUNS.methods });
  });
});

function isJsonObject(bytes: Uint8Array): boolean {
  try {
    const value: unknown = JSON.parse(bodyText(bytes));
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}
