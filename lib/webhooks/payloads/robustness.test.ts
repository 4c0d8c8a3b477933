import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fixtureJson, telegramFixtures, twilioFixtures } from "@/testing/fixtures/webhooks";
import { type NormalizedPayload, describePayloadError } from "./common";
import { infobipPayloadSchema, normalizeInfobipPayload } from "./infobip";
import { metaPayloadSchema, normalizeMetaPayload } from "./meta";
import { normalizeTelegramUpdate, telegramUpdateSchema } from "./telegram";
import { normalizeTwilioInbound, normalizeTwilioStatus, twilioInboundSchema, twilioStatusSchema } from "./twilio";

/*
 * Seeded mutations of every fixture: whatever arrives, parsing either fails with a field to
 * name, or normalising yields well-formed events. Nothing throws (the routes must never 500 on
 * bad input) and no event has an invalid time or an empty key.
 */

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ODD_VALUES: unknown[] = [null, "", " ", 0, -1, 1.5, 1e308, "1e3", true, [], {}, "x".repeat(300), "\u0000", "2025-02-30T00:00:00.000+0000", "99999999999999", { nested: [1] }];

function mutate(value: unknown, random: () => number): unknown {
  const copy = structuredClone(value);
  const steps = 1 + Math.floor(random() * 3);
  for (let i = 0; i < steps; i++) {
    // Walk to a random container.
    let parent: Record<string, unknown> | unknown[] | null = null;
    let key: string | number | null = null;
    let node: unknown = copy;
    while (node !== null && typeof node === "object" && random() < 0.8) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const k = keys[Math.floor(random() * keys.length)]!;
      parent = node as Record<string, unknown>;
      key = Array.isArray(node) ? Number(k) : k;
      node = (node as Record<string, unknown>)[k];
    }
    if (parent === null || key === null) continue;
    const roll = random();
    if (roll < 0.3 && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
    else if (roll < 0.8) (parent as Record<string | number, unknown>)[key] = ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
    else (parent as Record<string | number, unknown>)[key] = [node];
  }
  return copy;
}

function check(schema: z.ZodType, normalize: (data: never) => NormalizedPayload, seeds: unknown[], rounds: number) {
  const random = rng(20250609);
  let accepted = 0;
  for (let i = 0; i < rounds; i++) {
    const input = mutate(seeds[i % seeds.length], random);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      expect(typeof describePayloadError(parsed.error).field).toBe("string");
      continue;
    }
    accepted++;
    const { events } = normalize(parsed.data as never);
    for (const event of events) {
      expect(Number.isFinite(event.occurredAt.getTime())).toBe(true);
      expect(event.idempotencyKey.length).toBeGreaterThan(0);
      expect(event.providerMessageId.length).toBeGreaterThan(0);
    }
  }
  // The mutations must leave some payloads valid, or the normaliser would never run.
  expect(accepted).toBeGreaterThan(rounds / 20);
}

const receivedAt = new Date("2025-06-09T12:00:00Z");
const ROUNDS = 1500;

describe("mutated payloads never throw", () => {
  it("Meta", () => {
    const seeds = ["meta-text.json", "meta-messages-all-types.json", "meta-statuses.json", "meta-batch.json", "meta-errors.json"].map((n) => fixtureJson(n));
    check(metaPayloadSchema, normalizeMetaPayload, seeds, ROUNDS);
  });

  it("Infobip", () => {
    const seeds = ["infobip-inbound-all-types.json", "infobip-delivery-reports.json", "infobip-seen-reports.json", "infobip-delivery-report-minimal.json"].map((n) => fixtureJson(n));
    check(infobipPayloadSchema, (p: never) => normalizeInfobipPayload(p, { receivedAt }), seeds, ROUNDS);
  });

  it("Twilio", () => {
    check(twilioInboundSchema, (p: never) => normalizeTwilioInbound(p, { receivedAt }), Object.values(twilioFixtures("twilio-inbound.json")), ROUNDS);
    check(twilioStatusSchema, (p: never) => normalizeTwilioStatus(p, { receivedAt }), Object.values(twilioFixtures("twilio-status.json")), ROUNDS);
  });

  it("Telegram", () => {
    const seeds = [fixtureJson("telegram-update-text.json"), fixtureJson("telegram-update-photo.json"), ...Object.values(telegramFixtures())];
    check(telegramUpdateSchema, (p: never) => normalizeTelegramUpdate(p, { receivedAt }), seeds, ROUNDS);
  });
});
