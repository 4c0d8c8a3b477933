import { z } from "zod";
import { workTimeSchema } from "@/lib/validations/work-time";
import { channelNameField, referenceField } from "./fields";
import { duplicateKeywordIndexes } from "./keywords";
import { KEYWORD_MAX_LENGTH, MAX_TRANSFER_KEYWORDS, MAX_TRANSFER_QUEUES, MESSAGE_MAX_LENGTH, TIMER_MAX_MINUTES, TIMER_MIN_MINUTES } from "./limits";

/*
 * Step 2 of the wizard, "Basic configuration". Session timers are whole minutes, positive and at
 * most a day: WhatsApp's customer-service window is 24 hours, so a longer timer could never fire.
 */

const v = (key: string) => `channels.validation.${key}`;

export {
  KEYWORD_MAX_LENGTH,
  MAX_TRANSFER_KEYWORDS,
  MAX_TRANSFER_QUEUES,
  MESSAGE_MAX_LENGTH,
  TIMER_MAX_MINUTES,
  TIMER_MIN_MINUTES,
} from "./limits";

const keywordField = z
  .string()
  .trim()
  .min(1, v("keywordEmpty"))
  .max(KEYWORD_MAX_LENGTH, v("keywordTooLong"));

const minutesField = z.coerce
  .number({ error: v("minutesInvalid") })
  .int(v("minutesInvalid"))
  .min(TIMER_MIN_MINUTES, v("minutesOutOfRange"))
  .max(TIMER_MAX_MINUTES, v("minutesOutOfRange"));

const messageField = z.string().trim().max(MESSAGE_MAX_LENGTH, v("tooLong"));

export const basicConfigurationSchema = z
  .object({
    name: channelNameField,
    ouId: referenceField,
    skillQueueId: referenceField,
    transferKeywords: z
      .array(keywordField)
      .max(MAX_TRANSFER_KEYWORDS, v("tooManyKeywords"))
      .superRefine((keywords, ctx) => {
        // On the repeat itself, so the form can name it; items are already trimmed here.
        for (const index of duplicateKeywordIndexes(keywords)) {
          ctx.addIssue({ code: "custom", path: [index], message: v("keywordDuplicate") });
        }
      }),
    workTime: workTimeSchema,
    nonWorkingNotice: messageField,
    lastAgentMode: z.boolean(),
    noCustomerReply: z.discriminatedUnion("enabled", [
      z.object({ enabled: z.literal(false), minutes: z.unknown().optional(), message: z.string().optional() }),
      z.object({ enabled: z.literal(true), minutes: minutesField, message: messageField.min(1, v("required")) }),
    ]),
    noAgentReply: z.discriminatedUnion("enabled", [
      z.object({ enabled: z.literal(false), minutes: z.unknown().optional(), targetSkillQueueId: z.string().optional() }),
      z.object({ enabled: z.literal(true), minutes: minutesField, targetSkillQueueId: referenceField }),
    ]),
    sessionTransfer: z.discriminatedUnion("enabled", [
      z.object({ enabled: z.literal(false), targetSkillQueueIds: z.array(z.string()).optional() }),
      z.object({
        enabled: z.literal(true),
        targetSkillQueueIds: z
          .array(z.uuid({ error: v("chooseOne") }))
          .min(1, v("chooseAtLeastOne"))
          .max(MAX_TRANSFER_QUEUES, v("tooManyQueues")),
      }),
    ]),
    offlineMessages: z.boolean(),
  })
  .transform((basic) => ({
    ...basic,
    // A switched-off option keeps nothing: what is stored is what is in effect.
    noCustomerReply: basic.noCustomerReply.enabled ? basic.noCustomerReply : { enabled: false as const },
    noAgentReply: basic.noAgentReply.enabled ? basic.noAgentReply : { enabled: false as const },
    sessionTransfer: basic.sessionTransfer.enabled
      ? { enabled: true as const, targetSkillQueueIds: [...new Set(basic.sessionTransfer.targetSkillQueueIds)] }
      : { enabled: false as const },
  }));

export type BasicConfiguration = z.output<typeof basicConfigurationSchema>;
export type BasicConfigurationInput = z.input<typeof basicConfigurationSchema>;

