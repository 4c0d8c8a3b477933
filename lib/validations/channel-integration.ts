import { z } from "zod";
import { uuidField } from "./fields";

/* The Channel Integration step's actions (step 4 of the wizard, and the channel page). */

export const generateScenarioKeySchema = z.object({
  channelId: uuidField,
  /** Required once a key exists: regenerating makes the old key stop working. */
  confirmRegenerate: z.boolean().default(false),
});

export const registerTelegramWebhookSchema = z.object({ channelId: uuidField });

export type GenerateScenarioKeyInput = z.output<typeof generateScenarioKeySchema>;
export type RegisterTelegramWebhookInput = z.output<typeof registerTelegramWebhookSchema>;
