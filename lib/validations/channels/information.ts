import { z } from "zod";
import { checkUrl, urlRefusalKey } from "@/lib/trustlist/prefix";
import {
  baseUrlField,
  CHAT_LANGUAGES,
  e164Field,
  isCalendarDate,
  isIpv4BaseUrl,
  isOAuthBaseUrl,
  META_APP_SECRET_PATTERN,
  numericIdField,
  optionalNumericIdField,
  optionalReferenceField,
  referenceField,
  requiredText,
  secretField,
  TELEGRAM_BOT_TOKEN_PATTERN,
  tokenValidityField,
  TWILIO_ACCOUNT_SID_PATTERN,
  TWILIO_AUTH_TOKEN_PATTERN,
  WEBHOOK_PASSWORD_MAX_LENGTH,
  WEBHOOK_PASSWORD_MIN_LENGTH,
} from "./fields";
import { CHANNEL_VARIANTS, SECRET_FIELDS, variantOf, type ChannelVariant } from "./variants";

export {
  ALL_SECRET_FIELDS,
  CHANNEL_VARIANTS,
  defaultCloudApiBaseUrl,
  SECRET_FIELDS,
  secretFieldsOf,
  secretKindOf,
  variantOf,
  type ChannelVariant,
  type SecretFieldName,
} from "./variants";

/*
 * Step 1 of the Configure Channel wizard, "Channel information": one object schema per provider
 * (and, for `other`, per verification method), discriminated by `provider`. The same schema runs
 * in the browser and in the save action; the context carries what only the server knows for sure
 * (which secrets are already stored, which BaseUrl prefixes are approved) and the page hands the
 * browser the same facts.
 */

const v = (key: string) => `channels.validation.${key}`;

const webhookPassword = secretField;
const whatsapp = { channelType: z.literal("whatsapp") };

export const infobipInformationSchema = z.object({
  ...whatsapp,
  provider: z.literal("infobip"),
  phoneNumber: e164Field,
  userName: requiredText(128),
  password: secretField,
  baseUrl: baseUrlField,
  accountKey: secretField,
  webhookPassword,
  trustCertificateId: referenceField,
  identityCertificateId: optionalReferenceField,
});

export const otherBasicInformationSchema = z.object({
  ...whatsapp,
  provider: z.literal("other"),
  verificationMethod: z.literal("basic"),
  phoneNumber: e164Field,
  userName: requiredText(128),
  password: secretField,
  baseUrl: baseUrlField,
  authenticationKey: secretField,
  webhookPassword,
  trustCertificateId: referenceField,
  identityCertificateId: referenceField,
});

/** UserName / Password are the app key / app secret of an API app of this tenant (sendWhatsappMessage). */
export const otherOAuthInformationSchema = z.object({
  ...whatsapp,
  provider: z.literal("other"),
  verificationMethod: z.literal("oAuth"),
  userName: requiredText(128),
  password: secretField,
  baseUrl: baseUrlField.refine(isOAuthBaseUrl, v("oauthBaseUrlInvalid")),
  webhookPassword,
  trustCertificateId: referenceField,
});

export const cloudApiInformationSchema = z.object({
  ...whatsapp,
  provider: z.literal("cloud-api"),
  appKey: numericIdField,
  appSecret: secretField,
  phoneNumber: e164Field,
  phoneNumberId: numericIdField,
  wabaId: optionalNumericIdField,
  baseUrl: baseUrlField,
  accessToken: secretField,
  tokenValidity: tokenValidityField,
  trustCertificateId: referenceField,
  identityCertificateId: optionalReferenceField,
});

export const twilioInformationSchema = z.object({
  ...whatsapp,
  provider: z.literal("twilio"),
  phoneNumber: e164Field,
  confirmationPhoneNumber: e164Field,
  accountSid: z
    .string({ error: v("required") })
    .trim()
    .min(1, { error: v("required"), abort: true })
    .regex(TWILIO_ACCOUNT_SID_PATTERN, v("accountSidInvalid")),
  authToken: secretField,
  chatLanguage: z.enum(CHAT_LANGUAGES, { error: v("chooseOne") }),
});

export const telegramInformationSchema = z.object({
  channelType: z.literal("telegram"),
  provider: z.literal("telegram"),
  appKey: requiredText(128),
  appSecret: secretField,
  baseUrl: baseUrlField.refine(isIpv4BaseUrl, v("telegramBaseUrlInvalid")),
  trustCertificateId: referenceField,
  identityCertificateId: referenceField,
  botToken: secretField,
});

const otherInformationSchema = z.discriminatedUnion("verificationMethod", [otherBasicInformationSchema, otherOAuthInformationSchema], {
  error: v("chooseOne"),
});

const informationUnion = z.discriminatedUnion(
  "provider",
  [infobipInformationSchema, otherInformationSchema, cloudApiInformationSchema, twilioInformationSchema, telegramInformationSchema],
  { error: v("chooseOne") },
);

export type ChannelInformation = z.output<typeof informationUnion>;
export type ChannelInformationInput = z.input<typeof informationUnion>;

export interface InformationContext {
  /** Secrets already stored for this channel (edit mode) that an empty field keeps. */
  keptSecrets: readonly string[];
  /** The approved address-trustlist prefixes every BaseUrl must fall under. */
  approvedPrefixes: readonly string[];
  /**
   * The token validity stored for this channel (edit mode). A stored date that has since passed is
   * kept as it is, so the channel stays editable; only a newly entered past date is refused.
   */
  storedTokenValidity?: unknown;
  /** Today (UTC, `YYYY-MM-DD`), the day a token validity may not be before; defaults to the clock's. */
  today?: string;
}

/**
 * The step-1 schema for a context; the browser and the save action build it from the same facts.
 * The secret and trustlist checks run beside the provider's schema rather than after it, so one
 * attempt shows every problem of the step at once (a refinement after the union would be skipped
 * while any plain field error remains).
 */
export function channelInformationSchema(context: InformationContext) {
  return z.custom<ChannelInformationInput>().transform((raw, ctx): ChannelInformation => {
    const parsed = informationUnion.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
    const values = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    const variant = knownVariant(values);
    let problems = 0;
    const problem = (field: string, message: string) => {
      problems += 1;
      ctx.addIssue({ code: "custom", path: [field], message });
    };
    if (variant) {
      for (const [field, need] of Object.entries(SECRET_FIELDS[variant])) {
        const value = values[field];
        if (typeof value === "string" && value.length > 0) {
          const key = secretProblem(variant, field, value);
          if (key) problem(field, v(key));
        } else if (need === "required" && !context.keptSecrets.includes(field)) {
          problem(field, v("required"));
        }
      }
      if (variant === "cloud-api" && isNewPastDate(values.tokenValidity, context)) problem("tokenValidity", v("tokenValidityPast"));
      const baseUrl = values.baseUrl;
      if (variant !== "twilio" && typeof baseUrl === "string" && baseUrl.trim() !== "") {
        const check = checkUrl(baseUrl.trim(), context.approvedPrefixes);
        if (!check.allowed) problem("baseUrl", urlRefusalKey(check.reason));
      }
    }
    return parsed.success && problems === 0 ? parsed.data : z.NEVER;
  });
}

/** The date is the last day the token works (UTC), so today is still fine. */
function isNewPastDate(value: unknown, context: InformationContext): boolean {
  if (typeof value !== "string" || !isCalendarDate(value.trim())) return false;
  const date = value.trim();
  return date !== context.storedTokenValidity && date < (context.today ?? new Date().toISOString().slice(0, 10));
}

/** The variant the values name, when they name one; secrets and BaseUrl are judged only then. */
function knownVariant(values: Record<string, unknown>): ChannelVariant | null {
  const { provider, verificationMethod } = values;
  if (provider === "other") return verificationMethod === "basic" || verificationMethod === "oAuth" ? variantOf({ provider, verificationMethod }) : null;
  return typeof provider === "string" && (CHANNEL_VARIANTS as readonly string[]).includes(provider) ? (provider as ChannelVariant) : null;
}

function secretProblem(variant: ChannelVariant, field: string, value: string): string | null {
  switch (field) {
    case "appSecret":
      // Meta app secrets are 32 hex characters; a Telegram channel's is an API app secret (checked on save).
      return variant !== "cloud-api" || META_APP_SECRET_PATTERN.test(value) ? null : "appSecretInvalid";
    case "webhookPassword":
      if (value.length < WEBHOOK_PASSWORD_MIN_LENGTH) return "webhookPasswordTooShort";
      return value.length > WEBHOOK_PASSWORD_MAX_LENGTH ? "tooLong" : null;
    case "authToken":
      return TWILIO_AUTH_TOKEN_PATTERN.test(value) ? null : "authTokenInvalid";
    case "botToken":
      return TELEGRAM_BOT_TOKEN_PATTERN.test(value) ? null : "botTokenInvalid";
    default:
      return null;
  }
}
