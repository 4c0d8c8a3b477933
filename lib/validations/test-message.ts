import { z } from "zod";
import { E164_PATTERN } from "./channels/fields";
import { uuidField } from "./fields";

/*
 * "Send a test message" on the channel page: one schema for the form and the action. WhatsApp
 * channels take an E.164 number; Telegram a chat id (a bot cannot write to a phone number). The
 * action checks the channel's real type against `channelType`.
 */

const v = (key: string) => `testMessage.validation.${key}`;

export const TEST_MESSAGE_MAX_LENGTH = 1_000;
/** Meta: lowercase letters, digits and underscores, up to 512 characters (WhatsApp Manager's rule). */
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]{1,512}$/;
/** A chat id: a user's or group's number (groups and channels are negative), or a public channel's @username. */
export const TELEGRAM_CHAT_ID_PATTERN = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;

const text = z
  .string({ error: v("textRequired") })
  .trim()
  .min(1, { error: v("textRequired"), abort: true })
  .max(TEST_MESSAGE_MAX_LENGTH, v("textTooLong"));

export const testMessageSchema = z.discriminatedUnion("channelType", [
  z.object({
    channelType: z.literal("whatsapp"),
    channelId: uuidField,
    recipient: z
      .string({ error: v("recipientRequired") })
      .trim()
      .min(1, { error: v("recipientRequired"), abort: true })
      .regex(E164_PATTERN, v("recipientE164")),
    text,
    templateName: z
      .string()
      .trim()
      .refine((name) => name === "" || TEMPLATE_NAME_PATTERN.test(name), v("templateNameInvalid"))
      .optional(),
  }),
  z.object({
    channelType: z.literal("telegram"),
    channelId: uuidField,
    recipient: z
      .string({ error: v("recipientRequired") })
      .trim()
      .min(1, { error: v("recipientRequired"), abort: true })
      .regex(TELEGRAM_CHAT_ID_PATTERN, v("recipientChatId")),
    text,
  }),
]);

export type TestMessageInput = z.output<typeof testMessageSchema>;
export type TestMessageFormValues = z.input<typeof testMessageSchema>;
