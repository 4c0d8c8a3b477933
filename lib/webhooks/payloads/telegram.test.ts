import { describe, expect, it } from "vitest";
import { fixtureJson, telegramFixtures } from "@/testing/fixtures/webhooks";
import { describePayloadError, parseJsonPayload } from "./common";
import { normalizeTelegramUpdate, telegramUpdateKind, telegramUpdateSchema } from "./telegram";

const receivedAt = new Date("2025-06-09T12:00:00Z");
const normalize = (value: unknown) => normalizeTelegramUpdate(telegramUpdateSchema.parse(value), { receivedAt });
const updates = telegramFixtures();

describe("Telegram updates", () => {
  it("turns a text message into one event keyed by update_id", () => {
    const update = fixtureJson("telegram-update-text.json");
    expect(normalize(update)).toEqual({
      events: [
        {
          kind: "message",
          providerMessageId: "1111111:1365",
          idempotencyKey: "update:912345678",
          type: "text",
          providerType: "message.text",
          from: "1111111",
          senderName: "Chris Cooper",
          text: "Hi, my parcel has not arrived",
          occurredAt: new Date(1749418000 * 1000),
          raw: update,
        },
      ],
      errors: [],
    });
  });

  it("records a photo with its caption", () => {
    expect(normalize(fixtureJson("telegram-update-photo.json")).events[0]).toMatchObject({
      type: "image",
      providerType: "message.photo",
      text: "The damaged box",
      senderName: "Chris",
    });
  });

  it("records the kind of every other update", () => {
    const summary = Object.fromEntries(
      Object.entries(updates).map(([name, update]) => {
        const [event] = normalize(update).events;
        return [name, [event!.providerType, event!.type, event!.kind === "message" ? event!.text : undefined, event!.idempotencyKey]];
      }),
    );
    expect(summary).toEqual({
      edited_message: ["edited_message.text", "text", "Hi, my parcel (order 2291) has not arrived", "update:912345680"],
      channel_post: ["channel_post.text", "text", "We are open on Sunday", "update:912345681"],
      group_location: ["message.location", "location", undefined, "update:912345682"],
      callback_query: ["callback_query", "callback", "helpful:yes", "update:912345683"],
      message_reaction: ["message_reaction", "reaction", "👍", "update:912345684"],
      future_kind: ["holographic_message", "unsupported", undefined, "update:912345685"],
    });
  });

  it("times edits at the edit, callbacks at arrival, and unknown kinds by their own date", () => {
    expect(normalize(updates.edited_message).events[0]!.occurredAt).toEqual(new Date(1749418120 * 1000));
    expect(normalize(updates.callback_query).events[0]).toMatchObject({ occurredAt: receivedAt, from: "1111111", senderName: "Chris" });
    expect(normalize(updates.future_kind).events[0]!.occurredAt).toEqual(new Date(1749418500 * 1000));
    expect(normalize(updates.channel_post).events[0]).toMatchObject({ from: "-1001234567890", senderName: "Store news" });
  });

  it("stores an update with no kind at all", () => {
    expect(normalize({ update_id: 1 }).events[0]).toMatchObject({ type: "unsupported", providerType: "empty", providerMessageId: "1", occurredAt: receivedAt });
    expect(telegramUpdateKind({ update_id: 1, poll: { id: "p" } })).toBe("poll");
  });

  it.each([
    ["update_id missing", () => ({ message: (fixtureJson("telegram-update-text.json") as { message: unknown }).message }), "update_id"],
    ["update_id not an integer", () => ({ ...(fixtureJson("telegram-update-text.json") as object), update_id: "912345678" }), "update_id"],
    ["message without chat", () => { const u = fixtureJson<{ message: Record<string, unknown> }>("telegram-update-text.json"); delete u.message.chat; return u; }, "message.chat"],
    ["message date not a number", () => { const u = fixtureJson<{ message: Record<string, unknown> }>("telegram-update-text.json"); u.message.date = "today"; return u; }, "message.date"],
    ["callback without id", () => { const u = structuredClone(updates.callback_query) as { callback_query: Record<string, unknown> }; delete u.callback_query.id; return u; }, "callback_query.id"],
  ])("names the bad field: %s", (_case, build, field) => {
    const result = telegramUpdateSchema.safeParse(build());
    expect(result.success).toBe(false);
    expect(describePayloadError(result.error!).field).toBe(field);
  });

  it("parses from the raw body text", () => {
    const parsed = parseJsonPayload(JSON.stringify(updates.channel_post), telegramUpdateSchema);
    expect(parsed.success && parsed.data.update_id).toBe(912345681);
  });
});
