import { describe, expect, it } from "vitest";
import { twilioFixtures, twilioForm } from "@/testing/fixtures/webhooks";
import { parseFormParams } from "../verify/twilio-signature";
import { describePayloadError } from "./common";
import { normalizeTwilioInbound, normalizeTwilioStatus, twilioInboundSchema, twilioParams, twilioStatusSchema } from "./twilio";

const receivedAt = new Date("2025-06-09T12:00:00Z");
const inbound = twilioFixtures("twilio-inbound.json");
const status = twilioFixtures("twilio-status.json");
/** As the route will do it: raw form body → parameters → schema → events. */
const fromForm = <T>(schema: { parse(v: unknown): T }, params: Record<string, string>) => schema.parse(twilioParams(parseFormParams(twilioForm(params))));

describe("Twilio inbound messages", () => {
  it("turns a WhatsApp text into one message event with every parameter kept", () => {
    const params = fromForm(twilioInboundSchema, inbound.text!);
    const { events, errors } = normalizeTwilioInbound(params, { receivedAt });
    expect(errors).toEqual([]);
    expect(events).toEqual([
      {
        kind: "message",
        providerMessageId: "SM0f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
        idempotencyKey: "message:SM0f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
        type: "text",
        providerType: "text",
        from: "whatsapp:+16505551234",
        to: "whatsapp:+14155238886",
        account: "ACdeadbeefdeadbeefdeadbeefdeadbeef",
        senderName: "Sheena Nelson",
        text: "Hello, is the store open today?",
        occurredAt: receivedAt,
        raw: inbound.text,
      },
    ]);
  });

  it("maps media, location and button messages", () => {
    const media = normalizeTwilioInbound(fromForm(twilioInboundSchema, inbound.media!), { receivedAt }).events[0]!;
    expect(media).toMatchObject({ type: "image", text: "Photo and receipt" });
    expect(media.raw).toMatchObject({ MediaUrl1: expect.stringContaining("/Media/ME1b") });
    expect(normalizeTwilioInbound(fromForm(twilioInboundSchema, inbound.location!), { receivedAt }).events[0]).toMatchObject({ type: "location", text: "Main office" });
    expect(normalizeTwilioInbound(fromForm(twilioInboundSchema, inbound.button!), { receivedAt }).events[0]).toMatchObject({
      type: "button",
      text: "Yes, please",
      raw: expect.objectContaining({ ExternalUserId: "US.1234567890abcdef", ButtonPayload: "yes-please" }),
    });
  });

  it("infers the type without MessageType and keeps unknown types as unsupported", () => {
    const { MessageType: _drop, ...noType } = inbound.media!;
    expect(normalizeTwilioInbound(fromForm(twilioInboundSchema, noType), { receivedAt }).events[0]).toMatchObject({ type: "image", providerType: "image" });
    const { MessageType: _drop2, ...plain } = inbound.text!;
    expect(normalizeTwilioInbound(fromForm(twilioInboundSchema, plain), { receivedAt }).events[0]).toMatchObject({ type: "text" });
    expect(normalizeTwilioInbound(fromForm(twilioInboundSchema, { ...inbound.text!, MessageType: "hologram" }), { receivedAt }).events[0]).toMatchObject({
      type: "unsupported",
      providerType: "hologram",
    });
  });

  it.each([
    ["MessageSid missing", (p: Record<string, string>) => { delete p.MessageSid; }, "MessageSid"],
    ["From empty", (p: Record<string, string>) => { p.From = ""; }, "From"],
    ["NumMedia not a number", (p: Record<string, string>) => { p.NumMedia = "two"; }, "NumMedia"],
  ])("names the bad field: %s", (_case, mutate, field) => {
    const params = { ...inbound.text! };
    mutate(params);
    const result = twilioInboundSchema.safeParse(twilioParams(parseFormParams(twilioForm(params))));
    expect(result.success).toBe(false);
    expect(describePayloadError(result.error!).field).toBe(field);
  });

  it("refuses a repeated MessageSid instead of picking one", () => {
    const body = `${twilioForm(inbound.text!)}&MessageSid=SMother`;
    const result = twilioInboundSchema.safeParse(twilioParams(parseFormParams(body)));
    expect(result.success).toBe(false);
    expect(describePayloadError(result.error!).field).toBe("MessageSid");
  });
});

describe("Twilio status callbacks", () => {
  it("maps every MessageStatus and keys them by MessageSid + MessageStatus", () => {
    const events = Object.values(status).map((p) => normalizeTwilioStatus(fromForm(twilioStatusSchema, p), { receivedAt }).events[0]!);
    expect(events.map((e) => (e.kind === "status" ? [e.status, e.idempotencyKey] : null))).toEqual([
      ["sent", "status:SMaaaabbbbccccddddeeeeffff00001111:sent"],
      ["delivered", "status:SMaaaabbbbccccddddeeeeffff00001111:delivered"],
      ["read", "status:SMaaaabbbbccccddddeeeeffff00001111:read"],
      ["failed", "status:SMbbbbccccddddeeeeffff000011112222:failed"],
      ["undelivered", "status:SMccccddddeeeeffff0000111122223333:undelivered"],
    ]);
    expect(events[3]).toMatchObject({
      errorCode: "63016",
      errorReason: "Failed to send freeform message because you are outside the allowed window.",
      to: "whatsapp:+16505551234",
      occurredAt: receivedAt,
    });
    expect(events[4]).toMatchObject({ errorCode: "63024" });
    expect(events[4]).not.toHaveProperty("errorReason");
    expect(events[1]!.raw).toMatchObject({ ChannelInstallSid: "XEcc20d939f803ee381f2442185d0d5dc5" });
  });

  it("keeps statuses it does not know as unknown and maps Messaging Service ones", () => {
    const event = (MessageStatus: string) => normalizeTwilioStatus(fromForm(twilioStatusSchema, { ...status.sent!, MessageStatus }), { receivedAt }).events[0];
    expect(event("scheduled")).toMatchObject({ status: "accepted" });
    expect(event("canceled")).toMatchObject({ status: "failed" });
    expect(event("teleported")).toMatchObject({ status: "unknown", providerType: "teleported" });
  });

  it.each([
    ["MessageStatus missing", (p: Record<string, string>) => { delete p.MessageStatus; }, "MessageStatus"],
    ["ErrorCode not numeric", (p: Record<string, string>) => { p.ErrorCode = "E63016"; }, "ErrorCode"],
  ])("names the bad field: %s", (_case, mutate, field) => {
    const params = { ...status.failed! };
    mutate(params);
    const result = twilioStatusSchema.safeParse(twilioParams(parseFormParams(twilioForm(params))));
    expect(describePayloadError(result.error!).field).toBe(field);
  });
});
