import { z } from "zod";

/* Step 3 of the wizard, "Robot configuration". */

const v = (key: string) => `channels.validation.${key}`;

export const robotConfigurationSchema = z.discriminatedUnion("robotEnabled", [
  z.object({ robotEnabled: z.literal(false), robotName: z.string().optional(), assistantEnabled: z.boolean() }),
  z.object({
    robotEnabled: z.literal(true),
    robotName: z.string().trim().min(1, v("required")).max(128, v("tooLong")),
    assistantEnabled: z.boolean(),
  }),
]);

export type RobotConfiguration = z.output<typeof robotConfigurationSchema>;
export type RobotConfigurationInput = z.input<typeof robotConfigurationSchema>;
