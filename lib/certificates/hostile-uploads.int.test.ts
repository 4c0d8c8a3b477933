// Issue 13, point 3: hostile certificate files are refused through the real upload actions while
// the console keeps answering /api/health within 100 ms (polled every ~10 ms from another process).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificates } from "@/db/schema";
import { createTestTenant, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { createActionClient } from "@/lib/guard/actions";
import { startHealthServer, whilePolling, type HealthServer } from "@/testing/health-probe";
import {
  encryptedLeafKey,
  HOSTILE_KEY_PASSPHRASE,
  P12_PASSWORD,
  pemBundle,
  pkcs12Nested,
  pkcs12WithCertificateIterations,
  pkcs12WithHiddenKeyIterations,
  pkcs12WithKeyIterations,
  pkcs12WithMacIterations,
  pkcs12WithManyBags,
  unterminatedPem,
} from "@/testing/hostile-certificates";
import { certificateActions } from "./actions";
import { fixture } from "@/testing/fixtures/certificates";

const MAX_HEALTH_LATENCY_MS = 100;

let t: TestDatabase;
let health: HealthServer;
let admin: Awaited<ReturnType<typeof createTestTenant>>["admin"];

const actions = () => certificateActions(createActionClient({ getUser: async () => admin, getDb: () => t.db }));
const file = (name: string, data: Uint8Array | string) => new File([typeof data === "string" ? data : new Uint8Array(data)], name);
const error = (field: string, problem: string) => ({ ok: false, fieldErrors: { [field]: [`certificates.errors.${problem}`] } });

beforeAll(async () => {
  t = await createTestDatabase();
  admin = (await createTestTenant(t.db)).admin;
  health = await startHealthServer(t.pool);
});
afterAll(async () => {
  await health?.close();
  await t?.close();
});

type Upload = (name: string) => Promise<unknown>;

const trust = (upload: File): Upload => (name) => actions().uploadTrust({ name, file: upload });
const pem = (certificateFile: File, keyFile?: File, keyPassphrase?: string): Upload => (name) =>
  actions().uploadIdentity({ format: "pem", name, certificateFile, keyFile, keyPassphrase });
const pkcs12 = (data: Uint8Array, pkcs12Password = ""): Upload => (name) =>
  actions().uploadIdentity({ format: "pkcs12", name, pkcs12File: file("hostile.p12", data), pkcs12Password });

const HOSTILE: [string, () => Upload, ReturnType<typeof error>][] = [
  ["a bundle of 1,000 PEM certificates (trust)", () => trust(file("bundle.pem", pemBundle(1000))), error("file", "tooManyPemBlocks")],
  ["1 MB of BEGIN lines that never end (trust)", () => trust(file("flood.pem", unterminatedPem(1_000_000))), error("file", "tooManyPemBlocks")],
  ["a bundle of 1,000 PEM certificates (identity)", () => pem(file("bundle.pem", pemBundle(1000)), file("leaf.key", fixture("leaf.key"))), error("certificateFile", "tooManyPemBlocks")],
  [
    "an encrypted PKCS#8 key with 2,000,000 PBKDF2 iterations and its right passphrase",
    () => pem(file("leaf.pem", fixture("leaf.pem")), file("leaf.key", encryptedLeafKey(2_000_000)), HOSTILE_KEY_PASSPHRASE),
    error("keyFile", "keyIterationsTooHigh"),
  ],
  ["a PKCS#12 file with MAC iterations patched to 1,048,575", () => pkcs12(pkcs12WithMacIterations(1_048_575), P12_PASSWORD), error("pkcs12File", "pkcs12IterationsTooHigh")],
  ["a PKCS#12 file with MAC iterations patched to 2^31 - 1", () => pkcs12(pkcs12WithMacIterations(2 ** 31 - 1), P12_PASSWORD), error("pkcs12File", "pkcs12IterationsTooHigh")],
  ["a PKCS#12 shrouded key with 2,000,000 PBKDF2 iterations", () => pkcs12(pkcs12WithKeyIterations(2_000_000n)), error("pkcs12File", "pkcs12IterationsTooHigh")],
  ["PKCS#12 certificates encrypted with 2^31 - 1 iterations", () => pkcs12(pkcs12WithCertificateIterations(2n ** 31n - 1n)), error("pkcs12File", "pkcs12IterationsTooHigh")],
  ["a PKCS#12 file with 1,000 certificate bags", () => pkcs12(pkcs12WithManyBags(1000)), error("pkcs12File", "pkcs12TooComplex")],
  ["a PKCS#12 file with bags nested 100 deep", () => pkcs12(pkcs12Nested(100)), error("pkcs12File", "pkcs12TooComplex")],
  [
    "a PKCS#12 file hiding a 2^31 - 1 iteration key inside its encrypted part (stopped by the time bound)",
    () => pkcs12(pkcs12WithHiddenKeyIterations(2n ** 31n - 1n)),
    error("pkcs12File", "readTimedOut"),
  ],
];

describe("hostile certificate uploads", () => {
  it.each(HOSTILE)("refuses %s, stores nothing, and keeps answering /api/health", async (_label, build, refusal) => {
    const upload = build();
    const name = `Hostile ${uniqueSuffix()}`;
    const { result, polls } = await whilePolling(health.url, () => upload(name));
    expect(result).toMatchObject(refusal);
    expect(await t.db.select().from(certificates).where(eq(certificates.name, name))).toHaveLength(0);
    expect(polls.length).toBeGreaterThan(2);
    expect(polls.filter((poll) => !poll.ok)).toEqual([]);
    expect(Math.max(...polls.map((poll) => poll.ms))).toBeLessThan(MAX_HEALTH_LATENCY_MS);
  }, 20_000);

  it("still reads a good PKCS#12 file after a reader was stopped", async () => {
    const result = await actions().uploadIdentity({
      format: "pkcs12",
      name: `After ${uniqueSuffix()}`,
      pkcs12File: file("identity.p12", fixture("identity.p12")),
      pkcs12Password: P12_PASSWORD,
    });
    expect(result).toMatchObject({ ok: true });
  });
});
