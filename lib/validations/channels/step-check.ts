import { z } from "zod";
import { channelNameField, SECRET_MAX_LENGTH, TELEGRAM_BOT_TOKEN_PATTERN } from "./fields";

/*
 * What the wizard asks the server before Next, for the rules only the server can judge: whether a
 * channel name is free in the tenant (step 2), whether Telegram knows a bot token (step 1). Paths
 * mirror the save envelope ("information.botToken", "basic.name"), so a refusal lands on the same
 * field the save would put it on.
 */

const v = (key: string) => `channels.validation.${key}`;

const botTokenField = z
  .string({ error: v("required") })
  .trim()
  .min(1, { error: v("required"), abort: true })
  .max(SECRET_MAX_LENGTH, { error: v("tooLong"), abort: true })
  .regex(TELEGRAM_BOT_TOKEN_PATTERN, v("botTokenInvalid"));

export const channelStepCheckSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("information"), information: z.object({ botToken: botTokenField }) }),
  z.object({
    step: z.literal("basic"),
    /** The channel being edited: its own name is not "taken". */
    channelId: z.uuid({ error: "invalidId" }).optional(),
    basic: z.object({ name: channelNameField }),
  }),
]);

export type ChannelStepCheck = z.output<typeof channelStepCheckSchema>;
