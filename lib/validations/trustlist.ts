import { z } from "zod";
import { parseTrustlistPrefix } from "@/lib/trustlist/prefix";
import { uuidField } from "./fields";

export const REASON_MAX_LENGTH = 500;
export const NOTE_MAX_LENGTH = 500;

/** A prefix as typed → its normalised spelling; the precise fault as a catalog key. */
export const trustlistPrefixField = z.string({ error: "required" }).transform((value, ctx) => {
  const parsed = parseTrustlistPrefix(value);
  if (parsed.ok) return parsed.prefix;
  ctx.addIssue({ code: "custom", message: parsed.error === "required" ? "required" : `trustlist.errors.prefix.${parsed.error}` });
  return z.NEVER;
});

const reasonField = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(REASON_MAX_LENGTH, "trustlist.errors.reasonTooLong");

/**
 * An optional note from a system administrator; blank means none. Accepts its own output (null),
 * since the browser sends the parsed values and the server action parses them again.
 */
const noteField = z
  .string()
  .trim()
  .max(NOTE_MAX_LENGTH, "trustlist.errors.noteTooLong")
  .nullish()
  .transform((value) => value || null);

export const requestTrustlistPrefixSchema = z.object({ prefix: trustlistPrefixField, reason: reasonField });

export const withdrawTrustlistRequestSchema = z.object({ id: uuidField });

export const decideTrustlistRequestSchema = z.object({
  id: uuidField,
  decision: z.enum(["approve", "reject"], { error: "required" }),
  note: noteField,
});

export const revokeTrustlistPrefixSchema = z.object({ id: uuidField, note: noteField });

export type RequestTrustlistPrefixInput = z.input<typeof requestTrustlistPrefixSchema>;
/** What the decide / revoke forms hand their actions: the parsed values (a blank note is null). */
export type DecideTrustlistRequestValues = z.output<typeof decideTrustlistRequestSchema>;
export type RevokeTrustlistPrefixValues = z.output<typeof revokeTrustlistPrefixSchema>;
