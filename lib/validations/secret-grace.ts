import { z } from "zod";
import { GRACE_PERIODS } from "@/lib/channels/secret-grace-periods";
import { channelIdInput } from "./ids";

/** The secret grace notice's form: end the grace period now, or let it run for a chosen period from now. */
export const secretGraceSchema = z.discriminatedUnion("action", [
  channelIdInput.extend({ action: z.literal("end") }),
  channelIdInput.extend({ action: z.literal("extend"), period: z.enum(GRACE_PERIODS, { error: "secretGrace.errors.period" }) }),
]);
export type SecretGraceInput = z.infer<typeof secretGraceSchema>;

/** Telegram: a new secret token, the old one accepted for the default grace period. */
export const regenerateSecretTokenSchema = channelIdInput;
