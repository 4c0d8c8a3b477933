import { z } from "zod";
import { uuidParam } from "@/lib/validations/ids";
import { REGISTER_PIN_PATTERN } from "./register-budget";

/* The Meta number tools' inputs, shared by the Provider section's forms and the actions. */

export const metaChannelInput = z.object({ channelId: uuidParam() });

export const metaSubscriptionInput = metaChannelInput.extend({ subscribe: z.boolean() });

export const registerNumberInput = metaChannelInput.extend({
  pin: z.string().trim().regex(REGISTER_PIN_PATTERN, "providerTools.validation.pin"),
  /** The administrator read the 10-per-72-hours warning and confirmed. */
  confirmed: z.literal(true, { error: "providerTools.validation.confirm" }),
});
