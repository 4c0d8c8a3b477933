import { beforeAll, describe, expect, it } from "vitest";
import englishCatalog from "@/lib/i18n/messages/en/exportFile.json";
import { exportColumns, type ExportColumn } from "./columns";
import { loadExportLabels, type ExportLabels } from "./labels";
import { exportRecord } from "@/testing/export-files";

let labels: ExportLabels;
let columns: readonly ExportColumn[];

beforeAll(async () => {
  labels = await loadExportLabels("en", "Europe/Berlin");
  columns = exportColumns(labels);
});

const row = (record = exportRecord()) => Object.fromEntries(columns.map((column) => [column.key, column.value(record)]));

describe("exportColumns", () => {
  it("has one column per catalog header, in file order", () => {
    expect(columns.map((column) => column.key)).toEqual([
      "name",
      "channelType",
      "provider",
      "verificationMethod",
      "status",
      "phoneNumber",
      "ou",
      "skillQueue",
      "transferKeywords",
      "workdaySegments",
      "nonWorkdaySegments",
      "nonWorkingNotice",
      "lastAgentMode",
      "noCustomerReplyEnabled",
      "noCustomerReplyMinutes",
      "noCustomerReplyMessage",
      "noAgentReplyEnabled",
      "noAgentReplyMinutes",
      "noAgentReplyQueue",
      "sessionTransferEnabled",
      "sessionTransferQueues",
      "offlineMessages",
      "robotEnabled",
      "robotName",
      "robotAssistantEnabled",
      "createdAt",
      "updatedAt",
    ]);
    expect(new Set(columns.map((column) => column.key))).toEqual(new Set(Object.keys(englishCatalog.headers)));
    expect(columns.map((column) => column.header)).toEqual(columns.map((column) => labels.headers[column.key]));
    for (const column of columns) expect(column.width).toBeGreaterThan(0);
  });

  it("never names a secret: no password, secret, token or key (keywords aside)", () => {
    for (const text of columns.flatMap((column) => [column.key, column.header])) {
      expect(text.replace(/keywords?/gi, "")).not.toMatch(/password|secret|token|key/i);
    }
  });

  it("writes every setting of a channel as readable text, minutes as numbers", () => {
    expect(row()).toEqual({
      name: "channel_0",
      channelType: "WhatsApp",
      provider: "infobip",
      verificationMethod: "",
      status: "Enabled",
      phoneNumber: "+4915110000000",
      ou: "Sales / EMEA",
      skillQueue: "Support DE",
      transferKeywords: "agent; human",
      workdaySegments: "09:00–12:00, 13:00–18:00",
      nonWorkdaySegments: "10:00–14:00",
      nonWorkingNotice: "We are closed, back at 09:00.",
      lastAgentMode: "Yes",
      noCustomerReplyEnabled: "Yes",
      noCustomerReplyMinutes: 30,
      noCustomerReplyMessage: "Closing this chat.",
      noAgentReplyEnabled: "Yes",
      noAgentReplyMinutes: 5,
      noAgentReplyQueue: "Escalations",
      sessionTransferEnabled: "Yes",
      sessionTransferQueues: "Billing; Tech",
      offlineMessages: "No",
      robotEnabled: "Yes",
      robotName: "HelpBot",
      robotAssistantEnabled: "No",
      createdAt: "2026-01-15 09:30:05",
      updatedAt: "2026-07-02 00:00:00",
    });
  });

  it("names providers, verification methods and types", () => {
    const other = row(exportRecord(1, { provider: "other", verificationMethod: "oAuth", status: "disabled" }));
    expect([other.provider, other.verificationMethod, other.status]).toEqual(["Customer-built BSP", "oAuth", "Disabled"]);
    const telegram = row(exportRecord(2, { channelType: "telegram", provider: "telegram", phoneNumber: null }));
    expect([telegram.channelType, telegram.provider, telegram.phoneNumber]).toEqual(["Telegram", "Telegram Bot API", ""]);
    expect(row(exportRecord(3, { provider: "cloud-api" })).provider).toBe("Meta WhatsApp Cloud API (cloud-api)");
    expect(row(exportRecord(4, { provider: "twilio", verificationMethod: "basic" })).verificationMethod).toBe("basic");
  });

  it("leaves the cells of a switched-off option empty, whatever is stored behind it", () => {
    const off = row(
      exportRecord(5, {
        noCustomerReply: { enabled: false, minutes: 30, message: "stale" },
        noAgentReply: { enabled: false, minutes: 5, skillQueue: "Stale queue" },
        sessionTransfer: { enabled: false, skillQueues: ["Stale"] },
        robotEnabled: false,
        robotName: "StaleBot",
        lastAgentMode: false,
      }),
    );
    expect(off).toMatchObject({
      noCustomerReplyEnabled: "No",
      noCustomerReplyMinutes: "",
      noCustomerReplyMessage: "",
      noAgentReplyEnabled: "No",
      noAgentReplyMinutes: "",
      noAgentReplyQueue: "",
      sessionTransferEnabled: "No",
      sessionTransferQueues: "",
      robotEnabled: "No",
      robotName: "",
      lastAgentMode: "No",
    });
  });

  it("writes empty lists and missing minutes as empty cells", () => {
    const sparse = row(
      exportRecord(6, {
        transferKeywords: [],
        noCustomerReply: { enabled: true, minutes: null, message: "" },
        noAgentReply: { enabled: true, minutes: null, skillQueue: null },
      }),
    );
    expect([sparse.transferKeywords, sparse.noCustomerReplyMinutes, sparse.noAgentReplyMinutes, sparse.noAgentReplyQueue]).toEqual([
      "",
      "",
      "",
      "",
    ]);
  });

  it("uses the reader's language", async () => {
    const german = exportColumns(await loadExportLabels("de", "Europe/Berlin"));
    const values = Object.fromEntries(german.map((column) => [column.key, column.value(exportRecord())]));
    expect(german[0]!.header).toBe("Kanalname");
    expect([values.lastAgentMode, values.offlineMessages, values.status]).toEqual(["Ja", "Nein", "Aktiviert"]);
  });
});
