import { describe, expect, it } from "vitest";
import type { EventRow } from "@/db/queries/webhook-ingest";
import type { ChannelSchedule } from "@/lib/service-time/schedule";
import { autoReplyFor, autoReplyMaxAgeMs, autoReplySettings, DEFAULT_AUTO_REPLY_MAX_AGE_MS } from "./auto-reply";

const officeHours: ChannelSchedule = {
  workTime: { workday: [{ start: "09:00", end: "17:00" }], nonWorkday: [{ start: "10:00", end: "12:00" }] },
  calendar: { timeZone: "Europe/Berlin", nonWorkingDays: [] },
};
const settings = autoReplySettings("Our agents are resting.", officeHours, 3);
const HOUR = 3_600_000;

function message(occurredAt: string, overrides: Partial<EventRow> = {}): EventRow {
  return {
    kind: "message",
    idempotencyKey: "message:1",
    providerMessageId: "1",
    type: "text",
    providerType: "TEXT",
    status: null,
    fromAddress: "+4915112345678",
    toAddress: "+4930123456",
    senderName: null,
    text: "Hello?",
    errorCode: null,
    errorReason: null,
    occurredAt: new Date(occurredAt),
    rawJson: "{}",
    ...overrides,
  };
}

describe("autoReplyFor", () => {
  // 2026-07-01 20:00 in Berlin (CEST) is 18:00Z: closed since 17:00 local (15:00Z).
  const evening = new Date("2026-07-01T18:00:00Z");

  it("answers a customer message written while the channel is closed, keyed by customer and closed period", () => {
    expect(autoReplyFor(settings, message("2026-07-01T18:00:00Z"), evening, HOUR)).toEqual({
      recipient: "+4915112345678",
      text: "Our agents are resting.",
      dedupeKey: "auto-reply:+4915112345678:closed-since:2026-07-01T15:00:00.000Z",
    });
    const later = autoReplyFor(settings, message("2026-07-02T05:00:00Z"), new Date("2026-07-02T05:00:00Z"), HOUR);
    expect(later?.dedupeKey).toBe("auto-reply:+4915112345678:closed-since:2026-07-01T15:00:00.000Z");
  });

  it("decides on the time the customer wrote, not on a late delivery", () => {
    // Written at 16:59 local (open), delivered at 17:01 (closed).
    expect(autoReplyFor(settings, message("2026-07-01T14:59:00Z"), new Date("2026-07-01T15:01:00Z"), HOUR)).toBeNull();
    // A provider clock ahead of ours counts as the arrival.
    expect(autoReplyFor(settings, message("2026-07-01T15:30:00Z"), new Date("2026-07-01T14:59:00Z"), HOUR)).toBeNull();
  });

  it("gives nothing for an open channel, an old message, a status, a sender-less event or an empty notice", () => {
    const noon = new Date("2026-07-01T10:00:00Z");
    expect(autoReplyFor(settings, message("2026-07-01T10:00:00Z"), noon, HOUR)).toBeNull();
    expect(autoReplyFor(settings, message("2026-06-30T18:00:00Z"), evening, HOUR)).toBeNull();
    expect(autoReplyFor(settings, message("2026-07-01T17:00:01Z"), evening, HOUR)).not.toBeNull();
    expect(autoReplyFor(settings, message("2026-07-01T18:00:00Z", { kind: "status", status: "delivered" }), evening, HOUR)).toBeNull();
    expect(autoReplyFor(settings, message("2026-07-01T18:00:00Z", { fromAddress: null }), evening, HOUR)).toBeNull();
    expect(autoReplySettings("  \n ", officeHours, 1)).toBeNull();
    expect(autoReplyFor(null, message("2026-07-01T18:00:00Z"), evening, HOUR)).toBeNull();
  });

  it("answers a Twilio WhatsApp sender at its number (the send client adds the prefix)", () => {
    const reply = autoReplyFor(settings, message("2026-07-01T18:00:00Z", { fromAddress: "whatsapp:+16505551234" }), evening, HOUR);
    expect(reply?.recipient).toBe("+16505551234");
    expect(reply?.dedupeKey).toMatch(/^auto-reply:\+16505551234:/);
  });
});

describe("autoReplyMaxAgeMs", () => {
  it("reads AUTO_REPLY_MAX_AGE_MINUTES and refuses nonsense with the variable's name", () => {
    expect(autoReplyMaxAgeMs({})).toBe(DEFAULT_AUTO_REPLY_MAX_AGE_MS);
    expect(autoReplyMaxAgeMs({ AUTO_REPLY_MAX_AGE_MINUTES: "5" })).toBe(300_000);
    expect(() => autoReplyMaxAgeMs({ AUTO_REPLY_MAX_AGE_MINUTES: "0" })).toThrow(/AUTO_REPLY_MAX_AGE_MINUTES/);
    expect(() => autoReplyMaxAgeMs({ AUTO_REPLY_MAX_AGE_MINUTES: "soon" })).toThrow(/AUTO_REPLY_MAX_AGE_MINUTES/);
  });
});
