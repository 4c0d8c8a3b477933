import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { createTestChannel, type TestChannel } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { fakeBotToken, startFakeBotApi, type FakeBotApi } from "@/testing/fake-telegram-bot-api";
import { approvePrefix } from "@/testing/outbound";
import { TEST_CA_FILE } from "@/testing/test-ca";
import { channelActions } from "./actions";

/*
 * The wizard's per-step server checks (issue 17, bug 3): a taken channel name on step 2 (in the
 * caller's tenant only, the edited channel excepted) and a bot token Telegram does not know on
 * step 1, against the fake Bot API over HTTPS on 127.0.0.1. Only tenant administrators may ask.
 */

let t: TestDatabase;
let fake: FakeBotApi;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let taken: TestChannel;
const ENV_KEYS = ["TELEGRAM_API_BASE_URL", "OUTBOUND_EXTRA_CA_FILE", "OUTBOUND_TIMEOUT_MS"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

const as = (user: CurrentUser | null) => channelActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const checkName = (name: string, channelId?: string, who: CurrentUser = a.admin) => as(who).checkChannelStep({ step: "basic", channelId, basic: { name } });
const checkToken = (botToken: string, who: CurrentUser = a.admin) => as(who).checkChannelStep({ step: "information", information: { botToken } });

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await startFakeBotApi();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  await approvePrefix(t.db, fake.prefix);
  Object.assign(process.env, { OUTBOUND_EXTRA_CA_FILE: TEST_CA_FILE, OUTBOUND_TIMEOUT_MS: "1000", TELEGRAM_API_BASE_URL: fake.baseUrl });
  taken = await createTestChannel(t.db, a.admin, "twilio");
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await fake.close();
  await t.close();
});

describe("step 2: the channel name", () => {
  it("answers a name another channel of the tenant has, compared as the unique index does (case-insensitively)", async () => {
    const refused = { ok: false, error: "validation", fieldErrors: { "basic.name": ["channels.errors.nameTaken"] } };
    expect(await checkName(taken.name)).toEqual(refused);
    expect(await checkName(taken.name.toUpperCase())).toEqual(refused);
  });

  it("accepts a free name, the edited channel's own name, and a name only another tenant uses", async () => {
    expect(await checkName(`free_${taken.name}`)).toEqual({ ok: true, data: undefined });
    expect(await checkName(taken.name, taken.id)).toEqual({ ok: true, data: undefined });
    expect(await checkName(taken.name, undefined, b.admin)).toEqual({ ok: true, data: undefined });
  });

  it("still answers the name's own rules", async () => {
    expect(await checkName("9 bad name")).toMatchObject({ ok: false, fieldErrors: { "basic.name": ["channels.validation.nameInvalid"] } });
  });
});

describe("step 1: the bot token", () => {
  it("accepts a token Telegram knows (getMe) and refuses one it does not", async () => {
    const bot = fake.addBot(`check_${Date.now()}_bot`);
    expect(await checkToken(bot.token)).toEqual({ ok: true, data: undefined });
    expect(fake.calls.at(-1)).toMatchObject({ method: "getMe", token: bot.token });
    expect(await checkToken(fakeBotToken())).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { "information.botToken": ["channels.errors.botTokenRejected"] },
    });
  });

  it("says when Telegram cannot be asked, and never calls it for a malformed token", async () => {
    const bot = fake.addBot(`down_${Date.now()}_bot`);
    fake.queueReply("getMe", "destroy");
    expect(await checkToken(bot.token)).toMatchObject({ fieldErrors: { "information.botToken": ["channels.errors.botApiUnreachable"] } });
    const calls = fake.calls.length;
    expect(await checkToken("not-a-token")).toMatchObject({ fieldErrors: { "information.botToken": ["channels.validation.botTokenInvalid"] } });
    expect(fake.calls.length).toBe(calls);
  });
});

describe("who may ask", () => {
  it("refuses support staff and the signed-out", async () => {
    expect(await checkName(taken.name, undefined, a.support)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await as(null).checkChannelStep({ step: "basic", basic: { name: taken.name } })).toMatchObject({ ok: false });
  });
});
