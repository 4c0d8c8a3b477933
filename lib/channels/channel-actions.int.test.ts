import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, certificates, channelDrafts, channels, ous, skillQueues } from "@/db/schema";
import { createTestTenant, createTestUser, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getKeyring } from "@/lib/crypto/keyring";
import { createActionClient } from "@/lib/guard/actions";
import { CHANNEL_VARIANTS, type ChannelVariant } from "@/lib/validations/channels/information";
import { channelActions } from "./actions";
import { ensureChannelPrerequisites, type ChannelPrerequisites } from "@/testing/seed/prerequisites";
import { randomPhoneNumber, variantInput, type ChannelEnvelopeInput } from "@/testing/seed/variants";
import { decryptChannelSecret } from "./secrets";

/*
 * The save action is a public endpoint: every rule of the wizard must hold when the browser is
 * bypassed, and no tenant may reach another tenant's channel or the rows it references.
 */

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let secondAdmin: CurrentUser;
let pa: ChannelPrerequisites;
let pb: ChannelPrerequisites;

const as = (user: CurrentUser | null) => channelActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  secondAdmin = await createTestUser(t.db, { role: "tenant_admin", tenantId: a.tenant.id, tenantName: a.tenant.name });
  pa = await ensureChannelPrerequisites(t.db, a.tenant.id);
  pb = await ensureChannelPrerequisites(t.db, b.tenant.id);
});
afterAll(() => t.close());

const name = (prefix = "ch") => `${prefix}_${uniqueSuffix()}`;
const input = (variant: ChannelVariant, options: { prereq?: ChannelPrerequisites; phoneNumber?: string } = {}) =>
  variantInput(variant, options.prereq ?? pa, { name: name(variant.replace("-", "_")), phoneNumber: options.phoneNumber });

type Envelope = ChannelEnvelopeInput & { information: Record<string, unknown>; basic: Record<string, unknown> };
function withInformation(envelope: ChannelEnvelopeInput, changes: Record<string, unknown>): Envelope {
  return { ...envelope, information: { ...(envelope.information as Record<string, unknown>), ...changes } } as Envelope;
}
function withBasic(envelope: ChannelEnvelopeInput, changes: Record<string, unknown>): Envelope {
  return { ...envelope, basic: { ...(envelope.basic as Record<string, unknown>), ...changes } } as Envelope;
}

async function create(envelope: unknown, who: CurrentUser = a.admin): Promise<{ id: string; version: number }> {
  const result = await as(who).saveChannel(envelope);
  if (!result.ok) throw new Error(`saveChannel failed: ${JSON.stringify(result)}`);
  return result.data;
}

const row = async (id: string) => (await t.db.select().from(channels).where(eq(channels.id, id)))[0] ?? null;
const count = async () => (await t.db.select({ id: channels.id }).from(channels)).length;

/** Expects the save to be refused with exactly these field errors, and nothing stored. */
async function expectRefused(envelope: unknown, fieldErrors: Record<string, string[]>, who: CurrentUser = a.admin) {
  const before = await count();
  const result = await as(who).saveChannel(envelope);
  expect(result).toMatchObject({ ok: false, fieldErrors });
  expect(await count()).toBe(before);
}

describe("creating channels", () => {
  it.each(CHANNEL_VARIANTS)("saves a %s channel in the caller's tenant with its secrets encrypted", async (variant) => {
    const envelope = input(variant);
    const { id, version } = await create({ ...envelope, tenantId: b.tenant.id });
    expect(version).toBe(1);
    const stored = await row(id);
    expect(stored).toMatchObject({ tenantId: a.tenant.id, status: "enabled", version: 1 });
    const info = envelope.information as Record<string, string>;
    const serialized = JSON.stringify(stored);
    for (const [field, ciphertext] of Object.entries(stored!.secrets)) {
      expect(serialized).not.toContain(info[field]);
      expect(ciphertext).not.toContain(info[field]);
      expect(decryptChannelSecret(getKeyring(), stored!, field)).toBe(info[field]);
    }
    expect(Object.keys(stored!.secrets).length).toBeGreaterThan(0);
    expect(stored!.webhookKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(stored!.integrationToken !== null).toBe(variant === "cloud-api" || variant === "telegram");
  });

  it("refuses support staff and signed-out callers, storing nothing", async () => {
    const before = await count();
    expect(await as(a.support).saveChannel(input("twilio"))).toEqual({ ok: false, error: "forbidden" });
    expect(await as(null).saveChannel(input("twilio"))).toEqual({ ok: false, error: "unauthenticated" });
    expect(await count()).toBe(before);
  });

  it("audits the creation without any secret", async () => {
    const envelope = input("infobip");
    const { id } = await create(envelope);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(entries.map((entry) => entry.action)).toEqual(["channel.create"]);
    const text = JSON.stringify(entries);
    for (const field of ["password", "accountKey", "webhookPassword"]) {
      expect(text).not.toContain((envelope.information as Record<string, string>)[field]);
    }
  });
});

describe("every wizard rule holds on the server", () => {
  it("channel names: the pattern, the length, and unique per tenant (ignoring case)", async () => {
    await expectRefused(withBasic(input("twilio"), { name: "9lives" }), { "basic.name": ["channels.validation.nameInvalid"] });
    await expectRefused(withBasic(input("twilio"), { name: "x".repeat(65) }), { "basic.name": ["channels.validation.nameTooLong"] });
    const taken = name("Taken");
    await create(withBasic(input("twilio"), { name: taken }));
    await expectRefused(withBasic(input("twilio"), { name: taken.toUpperCase() }), { "basic.name": ["channels.errors.nameTaken"] });
    // Another tenant may use the same name.
    await create(withBasic(input("twilio", { prereq: pb }), { name: taken }), b.admin);
  });

  it("E.164 numbers and the Twilio Account SID", async () => {
    await expectRefused(withInformation(input("infobip"), { phoneNumber: "0049 151 1234567" }), {
      "information.phoneNumber": ["channels.validation.phoneInvalid"],
    });
    await expectRefused(withInformation(input("twilio"), { confirmationPhoneNumber: "+0" }), {
      "information.confirmationPhoneNumber": ["channels.validation.phoneInvalid"],
    });
    await expectRefused(withInformation(input("twilio"), { accountSid: "AC-not-a-sid" }), {
      "information.accountSid": ["channels.validation.accountSidInvalid"],
    });
  });

  it("BaseUrl shapes and the approved trustlist", async () => {
    await expectRefused(withInformation(input("telegram"), { baseUrl: "https://console.example.com:8443" }), {
      "information.baseUrl": ["channels.validation.telegramBaseUrlInvalid", "trustlist.errors.notOnTrustlist"],
    });
    await expectRefused(withInformation(input("other-oAuth"), { baseUrl: "https://bsp.seed.example:8443/other" }), {
      "information.baseUrl": ["channels.validation.oauthBaseUrlInvalid", "trustlist.errors.notOnTrustlist"],
    });
    await expectRefused(withInformation(input("infobip"), { baseUrl: "https://unapproved.example.com/" }), {
      "information.baseUrl": ["trustlist.errors.notOnTrustlist"],
    });
  });

  it("work time segments, transfer keywords with the robot, and bounded session timers", async () => {
    const overlapping = { workday: [{ start: "09:00", end: "13:00" }, { start: "12:00", end: "18:00" }], nonWorkday: [{ start: "10:00", end: "11:00" }] };
    await expectRefused(withBasic(input("twilio"), { workTime: overlapping }), { "basic.workTime.workday.1.start": ["serviceTime.validation.segmentOverlap"] });
    const backwards = { workday: [{ start: "18:00", end: "09:00" }], nonWorkday: [{ start: "25:00", end: "26:00" }] };
    await expectRefused(withBasic(input("twilio"), { workTime: backwards }), {
      "basic.workTime.workday.0.end": ["serviceTime.validation.endNotAfterStart"],
      "basic.workTime.nonWorkday.0.start": ["serviceTime.validation.timeInvalid"],
      "basic.workTime.nonWorkday.0.end": ["serviceTime.validation.timeInvalid"],
    });
    const robotOn = { ...withBasic(input("twilio"), { transferKeywords: [] }), robot: { robotEnabled: true, robotName: "Max", assistantEnabled: false } };
    await expectRefused(robotOn, { "robot.robotEnabled": ["channels.validation.transferKeywordRequired"] });
    await expectRefused(withBasic(input("twilio"), { noCustomerReply: { enabled: true, minutes: 0, message: "bye" } }), {
      "basic.noCustomerReply.minutes": ["channels.validation.minutesOutOfRange"],
    });
    await expectRefused(withBasic(input("twilio"), { noAgentReply: { enabled: true, minutes: 5000, targetSkillQueueId: pa.skillQueueId } }), {
      "basic.noAgentReply.minutes": ["channels.validation.minutesOutOfRange"],
    });
  });

  it("one WhatsApp number, one channel, across tenants and providers", async () => {
    const number = randomPhoneNumber();
    await create(input("infobip", { phoneNumber: number }));
    await expectRefused(input("twilio", { phoneNumber: number, prereq: pb }), { "information.phoneNumber": ["channels.errors.numberInUse"] }, b.admin);
    await expectRefused(input("cloud-api", { phoneNumber: number }), { "information.phoneNumber": ["channels.errors.numberInUse"] });
    // The refusal says nothing about the other channel or its tenant.
    const result = await as(b.admin).saveChannel(input("twilio", { phoneNumber: number, prereq: pb }));
    expect(JSON.stringify(result)).not.toContain(a.tenant.id);
  });

  it("references to another tenant's OU, queues and certificates are refused field by field", async () => {
    const envelope = withBasic(
      withInformation(input("infobip"), { trustCertificateId: pb.trustCertificateId, identityCertificateId: pb.identityCertificateId }),
      {
        ouId: pb.ouId,
        skillQueueId: pb.skillQueueId,
        noAgentReply: { enabled: true, minutes: 5, targetSkillQueueId: pb.transferQueueId },
        sessionTransfer: { enabled: true, targetSkillQueueIds: [pa.transferQueueId, pb.transferQueueId] },
      },
    );
    await expectRefused(envelope, {
      "basic.ouId": ["channels.errors.ouNotFound"],
      "basic.skillQueueId": ["channels.errors.skillQueueNotFound"],
      "basic.noAgentReply.targetSkillQueueId": ["channels.errors.skillQueueNotFound"],
      "basic.sessionTransfer.targetSkillQueueIds": ["channels.errors.skillQueueNotFound"],
      "information.trustCertificateId": ["channels.errors.trustCertificateNotFound"],
      "information.identityCertificateId": ["channels.errors.identityCertificateNotFound"],
    });
  });

  it("a certificate of the wrong kind is refused", async () => {
    await expectRefused(withInformation(input("infobip"), { trustCertificateId: pa.identityCertificateId }), {
      "information.trustCertificateId": ["channels.errors.trustCertificateNotFound"],
    });
  });

  it("oAuth and Telegram need an enabled API app of the tenant, subscribed, with its real secret", async () => {
    await expectRefused(withInformation(input("other-oAuth"), { userName: pb.apiApp.appKey, password: pb.apiApp.appSecret }), {
      "information.userName": ["channels.errors.apiAppNotFound"],
    });
    await expectRefused(withInformation(input("telegram"), { appSecret: "sk_wrong" }), { "information.appSecret": ["channels.errors.apiAppSecretMismatch"] });
    const notSubscribed = await ensureChannelPrerequisites(t.db, a.tenant.id, { apiAppName: `Other app ${uniqueSuffix()}` });
    await t.db.execute(`update api_apps set apis = '{file_download}' where id = '${notSubscribed.apiApp.id}'`);
    await expectRefused(withInformation(input("other-oAuth"), { userName: notSubscribed.apiApp.appKey, password: notSubscribed.apiApp.appSecret }), {
      "information.userName": ["channels.errors.apiAppNotSubscribed"],
    });
  });

  it("answers a readable refusal to malformed envelopes", async () => {
    const result = await as(a.admin).saveChannel({ information: "x", basic: null, robot: 3 });
    expect(result).toMatchObject({ ok: false, error: "validation" });
    expect(await as(a.admin).saveChannel(withInformation(input("twilio"), { provider: "gupshup" }))).toMatchObject({
      ok: false,
      fieldErrors: { "information.provider": ["channels.validation.chooseOne"] },
    });
  });
});

describe("editing", () => {
  it("keeps stored secrets left empty, replaces typed ones, and bumps the version", async () => {
    const envelope = input("infobip");
    const { id } = await create(envelope);
    const before = await row(id);
    const edit = withBasic(withInformation(envelope, { password: "", accountKey: "", webhookPassword: "a-new-webhook-password" }), {
      nonWorkingNotice: "Changed",
    });
    const result = await as(a.admin).saveChannel({ ...edit, channelId: id, version: 1 });
    expect(result).toEqual({ ok: true, data: { id, version: 2 } });
    const after = await row(id);
    expect(after).toMatchObject({ nonWorkingNotice: "Changed", version: 2, webhookKey: before!.webhookKey });
    expect(after!.secrets.password).toBe(before!.secrets.password);
    expect(decryptChannelSecret(getKeyring(), after!, "webhookPassword")).toBe("a-new-webhook-password");
  });

  it("refuses the second of two edits of the same version, keeping the first", async () => {
    const envelope = input("twilio");
    const { id } = await create(envelope);
    const first = await as(a.admin).saveChannel({ ...withBasic(envelope, { nonWorkingNotice: "first" }), channelId: id, version: 1 });
    expect(first.ok).toBe(true);
    const second = await as(secondAdmin).saveChannel({ ...withBasic(envelope, { nonWorkingNotice: "second" }), channelId: id, version: 1 });
    expect(second).toEqual({ ok: false, error: "channels.errors.staleVersion" });
    expect(await row(id)).toMatchObject({ nonWorkingNotice: "first", version: 2 });
  });

  it("does not let an edit change the provider", async () => {
    const { id } = await create(input("twilio"));
    expect(await as(a.admin).saveChannel({ ...input("infobip"), channelId: id, version: 1 })).toMatchObject({
      ok: false,
      fieldErrors: { "information.provider": ["channels.errors.providerFixed"] },
    });
    expect(await row(id)).toMatchObject({ provider: "twilio", version: 1 });
  });

  it("needs the app secret again when the app key changes", async () => {
    const envelope = input("telegram");
    const { id } = await create(envelope);
    const other = await ensureChannelPrerequisites(t.db, a.tenant.id, { apiAppName: `Second app ${uniqueSuffix()}` });
    const result = await as(a.admin).saveChannel({ ...withInformation(envelope, { appKey: other.apiApp.appKey, appSecret: "" }), channelId: id, version: 1 });
    expect(result).toMatchObject({ ok: false, fieldErrors: { "information.appSecret": ["channels.validation.required"] } });
  });
});

describe("tenant isolation", () => {
  it("another tenant's channel cannot be edited, enabled, disabled or deleted, and answers like a missing one", async () => {
    const envelope = input("infobip");
    const { id } = await create(envelope);
    const theirs = as(b.admin);
    const notFound = { ok: false, error: "channels.errors.notFound" };
    expect(await theirs.saveChannel({ ...input("infobip", { prereq: pb }), channelId: id, version: 1 })).toEqual(notFound);
    expect(await theirs.saveChannel({ ...input("infobip", { prereq: pb }), channelId: MISSING_ID, version: 1 })).toEqual(notFound);
    expect(await theirs.setChannelEnabled({ channelId: id, enabled: false })).toEqual(notFound);
    expect(await theirs.deleteChannel({ channelId: id })).toEqual(notFound);
    expect(await theirs.saveChannelDraft({ channelId: id, step: 1, data: {} })).toEqual(notFound);
    expect(await row(id)).toMatchObject({ tenantId: a.tenant.id, status: "enabled", version: 1 });
  });
});

describe("enable, disable and delete", () => {
  it("disables and enables a channel, auditing each change once", async () => {
    const { id } = await create(input("twilio"));
    expect(await as(a.admin).setChannelEnabled({ channelId: id, enabled: false })).toEqual({ ok: true, data: { version: 2 } });
    expect(await as(a.admin).setChannelEnabled({ channelId: id, enabled: false })).toEqual({ ok: true, data: { version: 2 } });
    expect(await row(id)).toMatchObject({ status: "disabled" });
    expect(await as(a.support).setChannelEnabled({ channelId: id, enabled: true })).toEqual({ ok: false, error: "forbidden" });
    expect(await as(a.admin).setChannelEnabled({ channelId: id, enabled: true })).toEqual({ ok: true, data: { version: 3 } });
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.targetId, id))).map((entry) => entry.action);
    expect(actions).toEqual(["channel.create", "channel.disable", "channel.enable"]);
  });

  it("deletes a channel; its OU, queues and certificates stay and are free to delete", async () => {
    const { id } = await create(input("infobip"));
    expect(await as(a.support).deleteChannel({ channelId: id })).toEqual({ ok: false, error: "forbidden" });
    expect(await as(a.admin).deleteChannel({ channelId: id })).toEqual({ ok: true, data: undefined });
    expect(await row(id)).toBeNull();
    expect(await as(a.admin).deleteChannel({ channelId: id })).toEqual({ ok: false, error: "channels.errors.notFound" });
    expect((await t.db.select().from(ous).where(eq(ous.id, pa.ouId))).length).toBe(1);
  });

  it("a referenced skill queue or certificate cannot be deleted under a channel", async () => {
    await create(input("infobip"));
    await expect(t.db.delete(skillQueues).where(eq(skillQueues.id, pa.transferQueueId))).rejects.toThrow();
    await expect(t.db.delete(certificates).where(eq(certificates.id, pa.trustCertificateId))).rejects.toThrow();
  });
});

describe("drafts", () => {
  it("keeps a draft per user without secrets, and drops it when the channel is saved", async () => {
    const envelope = input("infobip");
    const saved = await as(a.admin).saveChannelDraft({ step: 2, data: envelope });
    expect(saved.ok).toBe(true);
    const [draft] = await t.db.select().from(channelDrafts).where(eq(channelDrafts.userId, a.admin.id));
    expect(draft).toMatchObject({ step: 2, tenantId: a.tenant.id });
    const information = draft!.data.information as Record<string, unknown>;
    expect(information.userName).toBe("seed_infobip");
    for (const secret of ["password", "accountKey", "webhookPassword"]) expect(information).not.toHaveProperty(secret);
    expect((await t.db.select().from(channelDrafts).where(eq(channelDrafts.userId, secondAdmin.id))).length).toBe(0);

    await create(envelope);
    expect((await t.db.select().from(channelDrafts).where(eq(channelDrafts.userId, a.admin.id))).length).toBe(0);
  });

  it("an edit draft keeps the version its edit started from, so a resumed edit stays stale after another save", async () => {
    const envelope = input("twilio");
    const { id } = await create(envelope);
    expect((await as(secondAdmin).saveChannel({ ...withBasic(envelope, { nonWorkingNotice: "theirs" }), channelId: id, version: 1 })).ok).toBe(true);
    // The first administrator's autosave still names version 1, whatever is stored now.
    expect((await as(a.admin).saveChannelDraft({ channelId: id, version: 1, step: 2, data: envelope })).ok).toBe(true);
    const [draft] = await t.db.select().from(channelDrafts).where(eq(channelDrafts.target, id));
    expect(draft).toMatchObject({ baseVersion: 1 });
    expect(await as(a.admin).saveChannel({ ...envelope, channelId: id, version: draft!.baseVersion! })).toEqual({
      ok: false,
      error: "channels.errors.staleVersion",
    });
    expect(await row(id)).toMatchObject({ nonWorkingNotice: "theirs" });
    // A draft cannot claim a version nobody saved.
    await as(a.admin).saveChannelDraft({ channelId: id, version: 99, step: 2, data: envelope });
    expect((await t.db.select().from(channelDrafts).where(eq(channelDrafts.target, id)))[0]).toMatchObject({ baseVersion: 2 });
  });

  it("refuses oversized drafts", async () => {
    const result = await as(a.admin).saveChannelDraft({ step: 1, data: { information: { userName: "x".repeat(70_000) } } });
    expect(result).toMatchObject({ ok: false, fieldErrors: { data: ["channels.errors.draftTooLarge"] } });
  });
});
