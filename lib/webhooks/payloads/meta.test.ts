import { describe, expect, it } from "vitest";
import { fixtureBytes, fixtureJson } from "@/testing/fixtures/webhooks";
import { foldStatuses } from "../status-order";
import { describePayloadError, parseJsonPayload } from "./common";
import { metaPayloadSchema, normalizeMetaPayload } from "./meta";

const parse = (name: string) => normalizeMetaPayload(metaPayloadSchema.parse(fixtureJson(name)));
const firstProblem = (value: unknown) => {
  const result = metaPayloadSchema.safeParse(value);
  if (result.success) throw new Error("expected a bad payload");
  return describePayloadError(result.error);
};

describe("Meta payloads", () => {
  it("turns an inbound text into one message event", () => {
    const { events, errors } = parse("meta-text.json");
    expect(errors).toEqual([]);
    expect(events).toEqual([
      {
        kind: "message",
        providerMessageId: "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZGQ0E2QkM3RTJFQTNCMkJBRAA=",
        idempotencyKey: "message:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZGQ0E2QkM3RTJFQTNCMkJBRAA=",
        type: "text",
        providerType: "text",
        from: "16505551234",
        to: "15550783881",
        account: "106540352242922",
        senderName: "Sheena Nelson",
        text: "Does it come in another color?",
        occurredAt: new Date(1749416383 * 1000),
        raw: fixtureJson<{ entry: { changes: { value: { messages: unknown[] } }[] }[] }>("meta-text.json").entry[0]!.changes[0]!.value.messages[0],
      },
    ]);
  });

  it("decodes escaped unicode only after parsing (the signature covers the escapes)", () => {
    const parsed = parseJsonPayload(fixtureBytes("meta-escaped-unicode.json").toString("utf8"), metaPayloadSchema);
    expect(parsed.success).toBe(true);
    const [event] = normalizeMetaPayload(parsed.data!).events;
    expect(event).toMatchObject({ text: "äöå 中文 😀", senderName: "Jürgen Müller" });
  });

  it("maps every documented message type, keeping unknown ones as unsupported", () => {
    const { events } = parse("meta-messages-all-types.json");
    const summary = events.map((e) => [e.providerType, e.type, e.kind === "message" ? e.text : undefined]);
    expect(summary).toEqual([
      ["text", "text", "Replying to your offer"],
      ["image", "image", "The broken part"],
      ["audio", "voice", undefined],
      ["video", "video", "How it happened"],
      ["document", "document", "Invoice"],
      ["sticker", "sticker", undefined],
      ["location", "location", "Main office"],
      ["contacts", "contact", undefined],
      ["interactive", "interactive", "Yes, please"],
      ["interactive", "interactive", "Tomorrow 10:00"],
      ["interactive", "interactive", "Sent"],
      ["button", "button", "Stop promotions"],
      ["reaction", "reaction", "👍"],
      ["order", "order", "Two please"],
      ["system", "system", "User A changed from 16505551234 to 16505554321"],
      ["unsupported", "unsupported", undefined],
      ["hologram", "unsupported", undefined],
    ]);
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(events.length);
    expect(events[15]).toMatchObject({ errorCode: "131051", errorReason: "Message type is currently not supported." });
    expect(events[16]!.raw).toMatchObject({ hologram: { id: "1003383421387261" } });
  });

  it("turns statuses into status events keyed by id + status, with errors kept", () => {
    const { events } = parse("meta-statuses.json");
    expect(events.map((e) => [e.kind, e.providerMessageId, e.kind === "status" ? e.status : null, e.idempotencyKey])).toEqual([
      ["status", "wamid.outbound.1", "sent", "status:wamid.outbound.1:sent"],
      ["status", "wamid.outbound.1", "read", "status:wamid.outbound.1:read"],
      ["status", "wamid.outbound.1", "delivered", "status:wamid.outbound.1:delivered"],
      ["status", "wamid.outbound.2", "failed", "status:wamid.outbound.2:failed"],
      ["status", "wamid.outbound.3", "played", "status:wamid.outbound.3:played"],
    ]);
    expect(events[3]).toMatchObject({
      errorCode: "131047",
      errorReason: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      to: "16505551234",
      from: "15550783881",
      occurredAt: new Date(1749416700 * 1000),
    });
    // The fixture's read arrives before delivered: applied monotonically, the message ends read.
    const outbound1 = events.filter((e) => e.providerMessageId === "wamid.outbound.1" && e.kind === "status");
    expect(foldStatuses(null, outbound1.map((e) => ({ status: e.kind === "status" ? e.status : "unknown" })))).toEqual({ status: "read" });
  });

  it("keeps an unknown status value as unknown", () => {
    const payload = fixtureJson<{ entry: { changes: { value: { statuses: { status: string }[] } }[] }[] }>("meta-statuses.json");
    payload.entry[0]!.changes[0]!.value.statuses[0]!.status = "deleted";
    const [event] = normalizeMetaPayload(metaPayloadSchema.parse(payload)).events;
    expect(event).toMatchObject({ kind: "status", status: "unknown", providerType: "deleted", idempotencyKey: "status:wamid.outbound.1:deleted" });
  });

  it("loops over every entry and change, and skips other fields", () => {
    const { events } = parse("meta-batch.json");
    expect(events.map((e) => e.providerMessageId)).toEqual(["wamid.batch.1", "wamid.batch.2", "wamid.outbound.9", "wamid.batch.3"]);
    expect(events[3]).toMatchObject({ to: "15550783882", account: "106540352242923", senderName: "Ravi Kumar" });
  });

  it("keeps value-level errors", () => {
    const { events, errors } = parse("meta-errors.json");
    expect(events).toEqual([]);
    expect(errors).toEqual([
      {
        account: "106540352242922",
        code: "131000",
        title: "Something went wrong",
        message: "Something went wrong",
        details: "Message failed to send due to an unknown error.",
        raw: expect.objectContaining({ href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/" }),
      },
    ]);
  });

  describe("bad payloads name the field", () => {
    const text = () => fixtureJson<Record<string, unknown> & { entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[] }>("meta-text.json");
    const message = (p: ReturnType<typeof text>) => p.entry[0]!.changes[0]!.value.messages[0]!;

    it.each([
      ["missing entry", (p: ReturnType<typeof text>) => delete (p as Record<string, unknown>).entry, "entry"],
      ["message without id", (p: ReturnType<typeof text>) => delete message(p).id, "entry.0.changes.0.value.messages.0.id"],
      ["timestamp not unix seconds", (p: ReturnType<typeof text>) => (message(p).timestamp = "yesterday"), "entry.0.changes.0.value.messages.0.timestamp"],
      ["text message without text", (p: ReturnType<typeof text>) => delete message(p).text, "entry.0.changes.0.value.messages.0.text"],
      ["text body not a string", (p: ReturnType<typeof text>) => (message(p).text = { body: 42 }), "entry.0.changes.0.value.messages.0.text.body"],
      ["no metadata", (p: ReturnType<typeof text>) => delete (p.entry[0]!.changes[0]!.value as Record<string, unknown>).metadata, "entry.0.changes.0.value.metadata"],
      ["changes not an array", (p: ReturnType<typeof text>) => ((p.entry[0] as Record<string, unknown>).changes = {}), "entry.0.changes"],
    ])("%s", (_case, mutate, field) => {
      const payload = text();
      mutate(payload);
      expect(firstProblem(payload).field).toBe(field);
    });

    it("names the status field", () => {
      const payload = fixtureJson<{ entry: { changes: { value: { statuses: Record<string, unknown>[] } }[] }[] }>("meta-statuses.json");
      delete payload.entry[0]!.changes[0]!.value.statuses[3]!.status;
      expect(firstProblem(payload).field).toBe("entry.0.changes.0.value.statuses.3.status");
    });

    it("reports a body that is not JSON, or not an object", () => {
      const notJson = parseJsonPayload("{not json", metaPayloadSchema);
      expect(notJson.success).toBe(false);
      expect(describePayloadError(notJson.error!)).toEqual({ field: "", message: "Body is not valid JSON" });
      expect(firstProblem([]).field).toBe("");
      expect(firstProblem(null).field).toBe("");
    });
  });
});
