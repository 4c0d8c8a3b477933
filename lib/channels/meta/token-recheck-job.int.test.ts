import { randomBytes } from "node:crypto";
import type { JobHelpers } from "graphile-worker";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { channelTokenStatus } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createTestChannel } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { startFakeMeta, type FakeMeta } from "@/testing/fake-providers/meta";
import { approvePrefix } from "@/testing/outbound";
import { createTokenRecheckTask, TOKEN_RECHECK_CRONTAB, TOKEN_RECHECK_JOB } from "./token-recheck-job";

/* The daily token re-check, run as graphile-worker would run the task, against the fake Graph API. */

const APP_ID = "1234567890123456";
const APP_SECRET = randomBytes(16).toString("hex");
const token = (name: string) => `EAAG${name}${randomBytes(12).toString("hex")}`;
const LASTING = token("lasting");
const EXPIRING = token("expiring");
const EXPIRED = token("expired");
const now = () => Math.floor(Date.now() / 1000);

let t: TestDatabase;
let fake: FakeMeta;
const savedGraph = process.env.META_GRAPH_BASE_URL;

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await startFakeMeta({
    tokens: {},
    apps: { [APP_ID]: APP_SECRET },
    tokenInfo: {
      [LASTING]: { appId: APP_ID, expiresAt: now() + 60 * 86_400, scopes: ["whatsapp_business_messaging"] },
      [EXPIRING]: { appId: APP_ID, expiresAt: now() + 5 * 86_400 + 3600, scopes: ["whatsapp_business_messaging"] },
      [EXPIRED]: { appId: APP_ID, expiresAt: now() - 3600, scopes: [] },
    },
  });
  await approvePrefix(t.db, fake.prefix);
  process.env.META_GRAPH_BASE_URL = fake.graphBaseUrl;
});
afterAll(async () => {
  if (savedGraph === undefined) delete process.env.META_GRAPH_BASE_URL;
  else process.env.META_GRAPH_BASE_URL = savedGraph;
  await fake.close();
  await t.close();
});

const channel = async (owner: CurrentUser, accessToken: string, variant: "cloud-api" | "twilio" = "cloud-api") =>
  (
    await createTestChannel(t.db, owner, variant, {
      secrets: { accessToken, appSecret: APP_SECRET },
      information: variant === "cloud-api" ? { appKey: APP_ID } : {},
    })
  ).id;

it("re-checks every cloud-api channel of every tenant, stores Meta's answer, and warns about the expiring and invalid ones", async () => {
  const [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  const lasting = await channel(a.admin, LASTING);
  const expiring = await channel(a.admin, EXPIRING);
  const expired = await channel(b.admin, EXPIRED);
  await channel(b.admin, LASTING, "twilio");

  const warn = vi.fn();
  const info = vi.fn();
  const task = createTokenRecheckTask(() => t.db);
  await task({}, { logger: { warn, info, error: vi.fn(), debug: vi.fn() } } as unknown as JobHelpers);

  expect(fake.requests.filter((request) => request.path.endsWith("/debug_token"))).toHaveLength(3);
  const rows = await t.db.select().from(channelTokenStatus);
  const byChannel = new Map(rows.map((row) => [row.channelId, row]));
  expect(byChannel.size).toBe(3);
  expect(byChannel.get(lasting)).toMatchObject({ tenantId: a.tenant.id, isValid: "valid" });
  expect(byChannel.get(expiring)).toMatchObject({ tenantId: a.tenant.id, isValid: "valid" });
  expect(byChannel.get(expired)).toMatchObject({ tenantId: b.tenant.id, isValid: "invalid", errorCode: "190" });

  const warnings = warn.mock.calls.map(([line]) => String(line));
  expect(warnings).toEqual([
    expect.stringMatching(new RegExp(`channel ${expiring} \\(tenant ${a.tenant.id}\\) expires in 5 day\\(s\\)`)),
    expect.stringMatching(new RegExp(`channel ${expired} \\(tenant ${b.tenant.id}\\) is not valid \\(190\\)`)),
  ]);
  expect(info).toHaveBeenCalledWith("Meta token re-check: 3 checked, 1 expiring, 1 invalid");
  for (const line of [...warnings, ...info.mock.calls.map(String)]) {
    for (const secret of [LASTING, EXPIRING, EXPIRED, APP_SECRET]) expect(line).not.toContain(secret);
  }
});

it("runs daily under its job name", () => {
  expect(TOKEN_RECHECK_CRONTAB).toBe(`15 6 * * * ${TOKEN_RECHECK_JOB}`);
});
