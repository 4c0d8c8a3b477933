import { describe, expect, it } from "vitest";
import { fixtureJson } from "@/testing/fixtures/webhooks";
import { describePayloadError, parseInfobipTime } from "./common";
import { infobipPayloadSchema, normalizeInfobipPayload } from "./infobip";

const receivedAt = new Date("2025-06-09T12:00:00Z");
const parse = (value: unknown) => normalizeInfobipPayload(infobipPayloadSchema.parse(value), { receivedAt });
type Results = { results: Record<string, unknown>[] };
const firstProblem = (value: unknown) => {
  const result = infobipPayloadSchema.safeParse(value);
  if (result.success) throw new Error("expected a bad payload");
  return describePayloadError(result.error);
};

describe("parseInfobipTime", () => {
  it("parses the documented +0000 and the SDK's +00:00 to the same instant", () => {
    const expected = new Date("2025-06-09T10:00:38.123Z");
    expect(parseInfobipTime("2025-06-09T10:00:38.123+0000")).toEqual(expected);
    expect(parseInfobipTime("2025-06-09T10:00:38.123+00:00")).toEqual(expected);
    expect(parseInfobipTime("2025-06-09T10:00:38.123Z")).toEqual(expected);
  });

  it("applies other offsets and accepts a missing fraction", () => {
    expect(parseInfobipTime("2025-06-09T12:00:38.000+0200")).toEqual(new Date("2025-06-09T10:00:38Z"));
    expect(parseInfobipTime("2025-06-09T05:30:00-04:30")).toEqual(new Date("2025-06-09T10:00:00Z"));
  });

  it.each(["2025-06-09 10:00:38.000+0000", "2025-06-09T10:00:38.000", "2025-02-30T10:00:00.000+0000", "2025-06-09T24:00:00.000+0000", "yesterday", ""])(
    "refuses %j",
    (value) => {
      expect(parseInfobipTime(value)).toBeNull();
    },
  );
});

describe("Infobip inbound messages", () => {
  it("turns a text into one message event", () => {
    const { events, errors } = parse(fixtureJson("infobip-inbound-text.json"));
    expect(errors).toEqual([]);
    expect(events).toEqual([
      {
        kind: "message",
        providerMessageId: "ABEGOFl3lZmmAhB3sAsv7nbKzLtI",
        idempotencyKey: "message:ABEGOFl3lZmmAhB3sAsv7nbKzLtI",
        type: "text",
        providerType: "TEXT",
        from: "385919998888",
        to: "447860099299",
        senderName: "Ana Horvat",
        text: "Hello, I need help with my order",
        occurredAt: new Date("2025-06-09T10:00:38Z"),
        raw: fixtureJson<Results>("infobip-inbound-text.json").results[0],
      },
    ]);
  });

  it("accepts every message.type protocols.md lists, and keeps unknown types as unsupported", () => {
    const { events } = parse(fixtureJson("infobip-inbound-all-types.json"));
    const summary = Object.fromEntries(events.map((e) => [e.providerType, [e.type, e.kind === "message" ? e.text : undefined]]));
    expect(summary).toEqual({
      TEXT: ["text", "Hello, I need help with my order"],
      IMAGE: ["image", "The broken part"],
      DOCUMENT: ["document", "Invoice"],
      STICKER: ["sticker", undefined],
      LOCATION: ["location", "Zagreb office"],
      CONTACT: ["contact", undefined],
      VIDEO: ["video", "How it happened"],
      VOICE: ["voice", undefined],
      AUDIO: ["audio", undefined],
      BUTTON: ["button", "Stop promotions"],
      INTERACTIVE_BUTTON_REPLY: ["interactive", "Yes, please"],
      INTERACTIVE_CALL_PERMISSION_REPLY: ["interactive", undefined],
      INTERACTIVE_FLOW_REPLY: ["interactive", "Sent"],
      INTERACTIVE_LIST_REPLY: ["interactive", "Tomorrow 10:00"],
      INTERACTIVE_PAYMENT_CONFIRMATION: ["payment", undefined],
      ORDER: ["order", "Two please"],
      REACTION: ["reaction", "👍"],
      INFECTED_CONTENT: ["unsupported", undefined],
      UNSUPPORTED: ["unsupported", undefined],
      HOLOGRAM: ["unsupported", undefined],
    });
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(20);
    expect(events.at(-1)!.raw).toMatchObject({ message: { type: "HOLOGRAM", url: expect.stringContaining("/media/hol-1") } });
  });
});

describe("Infobip reports", () => {
  it("maps delivery report groups to statuses, keeping errors", () => {
    const { events } = parse(fixtureJson("infobip-delivery-reports.json"));
    expect(events.map((e) => (e.kind === "status" ? [e.type, e.providerMessageId, e.status, e.idempotencyKey] : null))).toEqual([
      ["delivery", "out-ib-1", "delivered", "delivery:out-ib-1:DELIVERED"],
      ["delivery", "out-ib-2", "sent", "delivery:out-ib-2:PENDING"],
      ["delivery", "out-ib-3", "undelivered", "delivery:out-ib-3:UNDELIVERABLE"],
      ["delivery", "out-ib-4", "undelivered", "delivery:out-ib-4:EXPIRED"],
      ["delivery", "out-ib-5", "failed", "delivery:out-ib-5:REJECTED"],
    ]);
    expect(events[0]).toMatchObject({ providerType: "DELIVERED_TO_HANDSET", occurredAt: new Date("2025-06-09T11:00:04.120Z"), to: "385919998888" });
    expect(events[0]).not.toHaveProperty("errorCode");
    expect(events[2]).toMatchObject({ errorCode: "7002", errorReason: "User is not reachable on WhatsApp", occurredAt: new Date("2025-06-09T11:00:05Z") });
    // A failure reported with NO_ERROR still records why: the status name and description.
    expect(events[4]).toMatchObject({ errorCode: "REJECTED_NOT_ENOUGH_CREDITS", errorReason: "Not enough credits" });
  });

  it("accepts the minimal report AICC documents (no doneAt, no error), timed at arrival", () => {
    const [event] = parse(fixtureJson("infobip-delivery-report-minimal.json")).events;
    expect(event).toMatchObject({ kind: "status", status: "delivered", providerType: "DELIVERED", occurredAt: receivedAt });
  });

  it("tells seen reports apart by shape and parses both offset forms", () => {
    const { events } = parse(fixtureJson("infobip-seen-reports.json"));
    expect(events).toEqual([
      expect.objectContaining({ kind: "status", type: "seen", status: "read", providerMessageId: "out-ib-1", idempotencyKey: "seen:out-ib-1", occurredAt: new Date("2025-06-09T11:02:10Z") }),
      expect.objectContaining({ kind: "status", type: "seen", status: "read", providerMessageId: "out-ib-6", occurredAt: new Date("2025-06-09T11:06:30.250Z") }),
    ]);
  });

  it("handles a batch mixing delivery and seen reports", () => {
    const delivery = fixtureJson<Results>("infobip-delivery-reports.json").results[0]!;
    const seen = fixtureJson<Results>("infobip-seen-reports.json").results[0]!;
    expect(parse({ results: [seen, delivery] }).events.map((e) => e.type)).toEqual(["seen", "delivery"]);
  });

  it("keeps an unknown status group as unknown", () => {
    const payload = fixtureJson<Results>("infobip-delivery-report-minimal.json");
    (payload.results[0]!.status as Record<string, unknown>).groupName = "TELEPORTED";
    expect(parse(payload).events[0]).toMatchObject({ status: "unknown", idempotencyKey: "delivery:out-ib-7:TELEPORTED" });
  });
});

describe("bad Infobip payloads name the field", () => {
  const inbound = () => fixtureJson<Results>("infobip-inbound-all-types.json");

  it.each([
    ["no results", () => ({ messageCount: 0 }), "results"],
    ["result that is no known shape", () => ({ results: [{ messageId: "x" }] }), "results.0"],
    ["inbound without messageId", () => { const p = inbound(); delete p.results[3]!.messageId; return p; }, "results.3.messageId"],
    ["receivedAt in another format", () => { const p = inbound(); p.results[0]!.receivedAt = "09.06.2025 10:00"; return p; }, "results.0.receivedAt"],
    ["TEXT without text", () => { const p = inbound(); delete (p.results[0]!.message as Record<string, unknown>).text; return p; }, "results.0.message.text"],
    ["IMAGE without url", () => { const p = inbound(); delete (p.results[1]!.message as Record<string, unknown>).url; return p; }, "results.1.message.url"],
    ["LOCATION with text coordinates", () => { const p = inbound(); (p.results[4]!.message as Record<string, unknown>).latitude = "45.8"; return p; }, "results.4.message.latitude"],
    ["message without type", () => { const p = inbound(); delete (p.results[0]!.message as Record<string, unknown>).type; return p; }, "results.0.message.type"],
    ["delivery report without groupName", () => { const p = fixtureJson<Results>("infobip-delivery-reports.json"); delete (p.results[2]!.status as Record<string, unknown>).groupName; return p; }, "results.2.status.groupName"],
    ["seen report with a bad seenAt", () => { const p = fixtureJson<Results>("infobip-seen-reports.json"); p.results[1]!.seenAt = "2025-06-09"; return p; }, "results.1.seenAt"],
    ["result that is not an object", () => ({ results: ["x"] }), "results.0"],
  ])("%s", (_case, build, field) => {
    expect(firstProblem(build()).field).toBe(field);
  });
});
