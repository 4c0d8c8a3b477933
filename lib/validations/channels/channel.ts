import { z } from "zod";
import { basicConfigurationSchema } from "./basic";
import { channelInformationSchema, type ChannelInformation, type InformationContext } from "./information";
import { robotConfigurationSchema } from "./robot";

/*
 * The whole wizard as the save action receives it ("The next step" on step 3). Step 1 needs a
 * context only the server can vouch for, so the action first parses this envelope, loads the
 * context, then parses `information` with channelInformationSchema(context) — the schema the
 * browser ran with the same facts.
 */

const v = (key: string) => `channels.validation.${key}`;

/** Cross-step rule (spec): the intelligent robot needs at least one keyword for transfer to an agent. */
export function robotStepSchema(transferKeywordCount: number) {
  return robotConfigurationSchema.superRefine((robot, ctx) => {
    if (robot.robotEnabled && transferKeywordCount === 0) {
      ctx.addIssue({ code: "custom", path: ["robotEnabled"], message: v("transferKeywordRequired") });
    }
  });
}

export const saveChannelEnvelopeSchema = z
  .object({
    /** Absent for a new channel. */
    channelId: z.uuid({ error: "invalidId" }).optional(),
    /** The version the edit started from; required with channelId. */
    version: z.number().int().min(1).optional(),
    information: z.record(z.string(), z.unknown(), { error: v("required") }),
    basic: basicConfigurationSchema,
    robot: z.unknown(),
  })
  .superRefine((input, ctx) => {
    if (input.channelId && input.version === undefined) ctx.addIssue({ code: "custom", path: ["version"], message: "invalidId" });
  })
  .transform((input, ctx) => {
    const robot = robotStepSchema(input.basic.transferKeywords.length).safeParse(input.robot);
    if (!robot.success) {
      for (const issue of robot.error.issues) ctx.addIssue({ code: "custom", path: ["robot", ...issue.path], message: issue.message });
      return z.NEVER;
    }
    return { ...input, robot: robot.data };
  });

export type SaveChannelEnvelope = z.output<typeof saveChannelEnvelopeSchema>;

export function parseInformation(raw: unknown, context: InformationContext) {
  return channelInformationSchema(context).safeParse(raw);
}

export type { ChannelInformation };
