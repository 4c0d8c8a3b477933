import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { trustlistEntries } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { approvePrefix } from "@/testing/outbound";
import { startHttpsListener, type Listener } from "@/testing/outbound-listeners";
import { TEST_CA_FILE } from "@/testing/test-ca";
import { OutboundConnectError } from "./errors";
import { request } from "./request";
import { APPROVED_PREFIXES_CACHE_MS, outboundScope } from "./scope";

/*
 * The scope keeps the approved trustlist for a second per process (a round trip per call saved):
 * a revoked prefix is refused once that second is over, a new approval is honoured at once.
 */

let t: TestDatabase;
let listener: Listener;
const ca = readFileSync(TEST_CA_FILE, "utf8");

beforeAll(async () => {
  t = await createTestDatabase();
  listener = await startHttpsListener();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterAll(async () => {
  await listener.close();
  await t.close();
});

const call = () => request({ method: "GET", url: `${listener.origin}/`, scope: outboundScope(t.db, randomUUID()), timeoutMs: 300, maxResponseBytes: 1_000, ca });

describe("the scope's approved prefixes", () => {
  it("honours a new approval at once, and refuses a revoked prefix once the cache time is over", async () => {
    await expect(call()).rejects.toBeInstanceOf(OutboundConnectError);
    expect(listener.connections).toBe(0);

    // Approved right after a refusal read the list: no waiting for the cache.
    await approvePrefix(t.db, `${listener.origin}/`);
    expect((await call()).status).toBe(200);

    await t.db.update(trustlistEntries).set({ status: "rejected" }).where(eq(trustlistEntries.prefix, `${listener.origin}/`));
    await new Promise((resolve) => setTimeout(resolve, APPROVED_PREFIXES_CACHE_MS + 50));
    const before = listener.connections;
    await expect(call()).rejects.toBeInstanceOf(OutboundConnectError);
    expect(listener.connections).toBe(before);
  });

  it("reads the list at most once per cache time while calls go on", async () => {
    await approvePrefix(t.db, `${listener.origin}/`);
    const spy = vi.spyOn(t.pool, "query");
    for (let i = 0; i < 5; i++) expect((await call()).status).toBe(200);
    const reads = spy.mock.calls.filter(([text]) => JSON.stringify(text).includes("trustlist_entries")).length;
    spy.mockRestore();
    expect(reads).toBeLessThanOrEqual(1);
  });
});
