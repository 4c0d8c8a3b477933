import { z } from "zod";
import type { DeliveryStatus } from "../status-order";

/*
 * The provider-neutral form every normaliser produces: one event per message or status report.
 * The route stores `raw` (the provider's own object) next to the neutral fields, because no
 * provider offers a way to fetch a webhook again (protocols.md §1 "persist raw payloads").
 */

/** Neutral content types of inbound messages; anything else is "unsupported" (the provider's name is kept in providerType). */
export const MESSAGE_TYPES = [
  "text",
  "image",
  "audio",
  "voice",
  "video",
  "document",
  "sticker",
  "animation",
  "location",
  "contact",
  "button",
  "interactive",
  "reaction",
  "order",
  "payment",
  "poll",
  "callback",
  "system",
  "unsupported",
] as const;

export type MessageType = (typeof MESSAGE_TYPES)[number];

export interface MessageEvent {
  kind: "message";
  /** The provider's id of the message (Meta wamid, Infobip messageId, Twilio MessageSid, Telegram chat:message). */
  providerMessageId: string;
  /** Unique per channel: a retry of the same delivery yields the same key (protocols.md §0). */
  idempotencyKey: string;
  type: MessageType;
  /** The provider's name for what arrived (Infobip "INTERACTIVE_LIST_REPLY", Telegram "edited_message", …). */
  providerType: string;
  from?: string;
  to?: string;
  /** Our side's account at the provider: Meta phone_number_id (route by it), Twilio AccountSid. */
  account?: string;
  /** The sender's display name, when the provider sends one. */
  senderName?: string;
  /** Text, caption, button title or reaction emoji: what a list of messages shows. */
  text?: string;
  errorCode?: string;
  errorReason?: string;
  occurredAt: Date;
  raw: unknown;
}

export interface StatusEvent {
  kind: "status";
  /** The id of the outbound message the report is about. */
  providerMessageId: string;
  idempotencyKey: string;
  /** "delivery" or "seen" for Infobip's two report kinds; "status" for Meta and Twilio. */
  type: "delivery" | "seen" | "status";
  /** The provider's status name (Meta "delivered", Infobip "DELIVERED_TO_HANDSET", Twilio "undelivered"). */
  providerType: string;
  status: DeliveryStatus;
  from?: string;
  to?: string;
  account?: string;
  errorCode?: string;
  errorReason?: string;
  occurredAt: Date;
  raw: unknown;
}

export type WebhookEvent = MessageEvent | StatusEvent;

/** An error that is not about one message (Meta `value.errors`: system, app or account level). */
export interface ProviderError {
  /** Our side's account at the provider (Meta phone_number_id), as on events. */
  account?: string;
  code?: string;
  title?: string;
  message?: string;
  details?: string;
  raw: unknown;
}

export interface NormalizedPayload {
  events: WebhookEvent[];
  errors: ProviderError[];
}

export interface NormalizeOptions {
  /** When the request arrived: the time of events whose payload carries none (Twilio, Telegram callbacks). */
  receivedAt: Date;
}

/** A short description of the first problem, for the 400 answer and the attempt log. */
export interface PayloadProblem {
  /** Dotted path of the field, e.g. "entry.0.changes.0.value.messages.0.id"; "" for the body itself. */
  field: string;
  message: string;
}

export function describePayloadError(error: z.ZodError): PayloadProblem {
  const issue = error.issues[0];
  if (!issue) return { field: "", message: "Invalid payload" };
  return { field: issue.path.map(String).join("."), message: issue.message };
}

/**
 * Deeper than any provider's payload (Meta's is about 8 levels) and far below what the write path
 * can take: JSON.parse accepts any depth, but JSON.stringify overflows the stack near 5,000 levels,
 * which turned a 10 kB body into a 500.
 */
export const MAX_JSON_DEPTH = 64;

/** The path of the first container nested deeper than `max`, or null; iterative, as the value may be deeper than the stack. */
export function tooDeepPath(value: unknown, max = MAX_JSON_DEPTH): (string | number)[] | null {
  type Visit = { node: unknown; depth: number; parent: Visit | null; key: string | number };
  const stack: Visit[] = [{ node: value, depth: 0, parent: null, key: "" }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (visit.node === null || typeof visit.node !== "object") continue;
    if (visit.depth >= max) {
      const path: (string | number)[] = [];
      for (let at: Visit | null = visit; at?.parent; at = at.parent) path.unshift(at.key);
      return path;
    }
    const entries = Array.isArray(visit.node) ? visit.node.entries() : Object.entries(visit.node);
    for (const [key, node] of entries) stack.push({ node, depth: visit.depth + 1, parent: visit, key });
  }
  return null;
}

/** JSON.parse, then the schema; a body that is not JSON fails like any other bad payload (field ""). */
export function parseJsonPayload<T extends z.ZodType>(text: string, schema: T): z.ZodSafeParseResult<z.output<T>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { success: false, error: new z.ZodError([{ code: "custom", path: [], message: "Body is not valid JSON", input: text }]) } as z.ZodSafeParseResult<z.output<T>>;
  }
  const deep = tooDeepPath(value);
  if (deep) {
    const issue = { code: "custom" as const, path: deep, message: `Nested more than ${MAX_JSON_DEPTH} levels deep`, input: undefined };
    return { success: false, error: new z.ZodError([issue]) } as z.ZodSafeParseResult<z.output<T>>;
  }
  return schema.safeParse(value) as z.ZodSafeParseResult<z.output<T>>;
}

/*
 * Schemas validate and never transform: a parsed payload is the provider's object as sent
 * (unknown keys kept by looseObject), so `raw` stays faithful. Normalisers convert afterwards.
 */

/** A non-empty id or number string. */
export const idString = z.string().trim().min(1, "Required");

/** 9999-12-31T23:59:59Z: later times are not real and would not fit a timestamp column. */
const MAX_UNIX_SECONDS = 253_402_300_799;

/** Unix seconds as a number (Telegram 1749416383). */
export const unixSecondsNumber = z.number().int().nonnegative().max(MAX_UNIX_SECONDS, "Expected unix seconds");

/** Unix seconds as a string or number (Meta "1749416383"). */
export const unixSeconds = z.union([
  z.string().regex(/^\d{1,12}$/, "Expected unix seconds").refine((value) => Number(value) <= MAX_UNIX_SECONDS, "Expected unix seconds"),
  unixSecondsNumber,
]);

export function fromUnixSeconds(value: string | number): Date {
  return new Date(Number(value) * 1000);
}

const INFOBIP_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Infobip's `yyyy-MM-dd'T'HH:mm:ss.SSSZ`: the documented `+0000` and the SDK tests' `+00:00`
 * (and `Z`). Returns null for anything else, including impossible dates.
 */
export function parseInfobipTime(value: string): Date | null {
  const m = INFOBIP_TIME.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const frac = m[7] ?? "0";
  const zone = m[8]!;
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, Math.floor(Number(`0.${frac}`) * 1000));
  if (date.getUTCDate() !== d) return null;
  const local = date.getTime();
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const digits = zone.replace(":", "");
    const sign = digits.startsWith("-") ? -1 : 1;
    const [hours, minutes] = [Number(digits.slice(1, 3)), Number(digits.slice(3, 5))];
    // Real offsets stay within ±18:00; "-9959" would push a year-9999 time past what a timestamp column holds.
    if (hours > 18 || minutes > 59) return null;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const instant = local - offsetMinutes * 60_000;
  return instant >= EARLIEST_TIMESTAMP_MS && instant <= MAX_UNIX_SECONDS * 1000 + 999 ? new Date(instant) : null;
}

/** 0001-01-01T00:00:00Z: PostgreSQL has no year 0, and an offset can move 0001-01-01 into it. */
const EARLIEST_TIMESTAMP_MS = -62_135_596_800_000;

export const infobipTime = z.string().refine((value) => parseInfobipTime(value) !== null, "Expected a time like 2025-06-09T10:00:38.000+0000");

/** A string field that providers may also send as null. */
export const nullableText = z.string().nullish();

/** Reads a string (or a number, as a string) at a path inside an unknown value. */
export function textAt(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === "string") return current;
  if (typeof current === "number" && Number.isFinite(current)) return String(current);
  return undefined;
}

/** Removes undefined fields, so events compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
