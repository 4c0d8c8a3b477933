import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { channels } from "@/db/schema";
import { AUDITED_COLUMNS, channelAuditChange, channelAuditView, UNAUDITED_COLUMNS } from "./audit-view";

/** Columns that are not the wizard's configuration (they are never written by a save). */
const NOT_CONFIGURATION = ["tenantId", "status", "version", "createdAt", "updatedAt", "createdByUserId", "webhookKey", "integrationToken", "scenarioKey", "scenarioKeyGeneratedAt",
  // A replaced secret kept for its grace period: audited by the grace-period actions, never as a value.
  "previousSecret", "previousSecretField", "previousSecretUntil"];

const row = {
  name: "Support",
  channelType: "whatsapp",
  provider: "cloud-api",
  verificationMethod: null,
  phoneNumber: "+4915700000000",
  trustCertificateId: null,
  identityCertificateId: null,
  apiAppId: null,
  ouId: "ou-1",
  skillQueueId: "q-1",
  transferKeywords: ["agent"],
  workTime: { workday: [{ start: "09:00", end: "17:00" }], nonWorkday: [] },
  nonWorkingNotice: "We are closed.",
  lastAgentMode: false,
  noCustomerReplyEnabled: false,
  noCustomerReplyMinutes: null,
  noCustomerReplyMessage: "",
  noAgentReplyEnabled: false,
  noAgentReplyMinutes: null,
  noAgentReplyQueueId: null,
  sessionTransferEnabled: false,
  offlineMessagesEnabled: true,
  robotEnabled: false,
  robotName: "",
  robotAssistantEnabled: false,
  settings: { phoneNumberId: "106540352242922", secretMasks: { appSecret: "••••cdef" } },
} as unknown as Parameters<typeof channelAuditView>[0];

describe("channel audit view", () => {
  it("covers every configuration column of a channel, so a new one cannot go unrecorded", () => {
    const columns = Object.keys(getTableColumns(channels)).filter((column) => !NOT_CONFIGURATION.includes(column));
    expect([...AUDITED_COLUMNS, ...UNAUDITED_COLUMNS].sort()).toEqual(columns.sort());
  });

  it("records a changed notice, work time and provider setting, and names replaced secrets without their values or masks", () => {
    const before = channelAuditView(row, ["q-2"]);
    const edited = {
      ...row,
      nonWorkingNotice: "Back on Monday.",
      workTime: { workday: [{ start: "08:00", end: "17:00" }], nonWorkday: [] },
      settings: { phoneNumberId: "106540352242999", secretMasks: { appSecret: "••••9999" } },
    } as typeof row;
    const change = channelAuditChange(before, channelAuditView(edited, ["q-2"]), ["appSecret"]);
    expect(change).toEqual({
      before: { nonWorkingNotice: "We are closed.", workTime: { workday: [{ start: "09:00", end: "17:00" }] }, settings: { phoneNumberId: "106540352242922" } },
      after: {
        nonWorkingNotice: "Back on Monday.",
        workTime: { workday: [{ start: "08:00", end: "17:00" }] },
        settings: { phoneNumberId: "106540352242999" },
        secrets: { appSecret: "replaced" },
      },
    });
    expect(JSON.stringify(change)).not.toContain("••••");
  });

  it("records nothing but the secret's name when only a secret is typed, and nothing at all about untouched secrets", () => {
    const view = channelAuditView(row, []);
    expect(channelAuditChange(view, view, ["appSecret"])).toEqual({ before: {}, after: { secrets: { appSecret: "replaced" } } });
    expect(channelAuditChange(view, view, [])).toEqual({ before: {}, after: {} });
  });

  it("records the whole configuration on creation, secrets as set", () => {
    const change = channelAuditChange(null, channelAuditView(row, ["q-2"]), ["appSecret"]);
    expect(change.before).toBeNull();
    expect(change.after).toMatchObject({ name: "Support", robotEnabled: false, transferQueueIds: ["q-2"], secrets: { appSecret: "set" } });
    expect(change.after).not.toHaveProperty("settings.secretMasks");
  });
});
