import type { BasicConfigurationInput } from "@/lib/validations/channels/basic";
import type { ChannelInformationInput } from "@/lib/validations/channels/information";
import type { RobotConfigurationInput } from "@/lib/validations/channels/robot";
import { ALL_SECRET_FIELDS, CHANNEL_VARIANTS, defaultCloudApiBaseUrl, variantOf, type ChannelVariant } from "@/lib/validations/channels/variants";

/*
 * The wizard's form values and the pure rules around them: starting values per variant, what an
 * empty secret keeps, and a draft without secrets (restored by wizard-restore.ts). Kept free of
 * React so it is unit-tested on its own.
 */

/** Every step-1 field is text (selects and the token validity included). */
export type InformationValues = Record<string, string>;

export interface SegmentValues {
  start: string;
  end: string;
}

export interface BasicValues {
  name: string;
  ouId: string;
  skillQueueId: string;
  transferKeywords: string[];
  workTime: { workday: SegmentValues[]; nonWorkday: SegmentValues[] };
  nonWorkingNotice: string;
  lastAgentMode: boolean;
  noCustomerReply: { enabled: boolean; minutes: string; message: string };
  noAgentReply: { enabled: boolean; minutes: string; targetSkillQueueId: string };
  sessionTransfer: { enabled: boolean; targetSkillQueueIds: string[] };
  offlineMessages: boolean;
}

export interface RobotValues {
  robotEnabled: boolean;
  robotName: string;
  assistantEnabled: boolean;
}

export interface WizardValues {
  information: InformationValues;
  basic: BasicValues;
  robot: RobotValues;
}

export type WizardStep = 1 | 2 | 3;

export const CHANNEL_TYPE_PROVIDERS = {
  whatsapp: ["infobip", "other", "cloud-api", "twilio"],
  telegram: ["telegram"],
} as const;

export type ChannelTypeValue = keyof typeof CHANNEL_TYPE_PROVIDERS;

/** Each variant's step-1 fields and their starting values (lib/validations/channels/information.ts). */
const VARIANT_FIELDS: Record<ChannelVariant, InformationValues> = {
  infobip: {
    phoneNumber: "",
    userName: "",
    password: "",
    baseUrl: "",
    accountKey: "",
    webhookPassword: "",
    trustCertificateId: "",
    identityCertificateId: "",
  },
  "other-basic": {
    phoneNumber: "",
    userName: "",
    password: "",
    baseUrl: "",
    authenticationKey: "",
    webhookPassword: "",
    trustCertificateId: "",
    identityCertificateId: "",
  },
  "other-oAuth": { userName: "", password: "", baseUrl: "", webhookPassword: "", trustCertificateId: "" },
  "cloud-api": {
    appKey: "",
    appSecret: "",
    phoneNumber: "",
    phoneNumberId: "",
    wabaId: "",
    baseUrl: "",
    accessToken: "",
    tokenValidity: "never",
    trustCertificateId: "",
    identityCertificateId: "",
  },
  twilio: { phoneNumber: "", confirmationPhoneNumber: "", accountSid: "", authToken: "", chatLanguage: "en" },
  telegram: { appKey: "", appSecret: "", baseUrl: "", trustCertificateId: "", identityCertificateId: "", botToken: "" },
};

/** Where oAuth and Telegram channels take an API app's key and secret (mirrors lib/channels/channels.ts). */
const APP_FIELDS: Partial<Record<ChannelVariant, { key: string; secret: string }>> = {
  "other-oAuth": { key: "userName", secret: "password" },
  telegram: { key: "appKey", secret: "appSecret" },
};

const SECRETS = new Set<string>(ALL_SECRET_FIELDS);
const PROVIDERS = new Set<string>(Object.values(CHANNEL_TYPE_PROVIDERS).flat());

export function isSecretField(field: string): boolean {
  return SECRETS.has(field);
}

/** The variant the step-1 values describe, or null while no provider is chosen. */
export function variantOfValues(values: Partial<InformationValues>): ChannelVariant | null {
  const provider = values.provider ?? "";
  if (!PROVIDERS.has(provider)) return null;
  const variant = variantOf({ provider, verificationMethod: values.verificationMethod });
  return (CHANNEL_VARIANTS as readonly string[]).includes(variant) ? variant : null;
}

/** A new channel starts as WhatsApp with no provider chosen. */
export function newInformation(): InformationValues {
  return { channelType: "whatsapp", provider: "", verificationMethod: "basic" };
}

/**
 * The values to set when the administrator picks a variant: its fields that have no value yet.
 * cloud-api's BaseUrl starts as the default one (another provider's BaseUrl is no use there), and
 * leaving cloud-api drops that default.
 */
export function variantDefaults(values: InformationValues, variant: ChannelVariant, previous: ChannelVariant | null = variant): InformationValues {
  const patch: InformationValues = {};
  for (const [field, initial] of Object.entries(VARIANT_FIELDS[variant])) {
    if (values[field] === undefined) patch[field] = initial;
  }
  const baseUrl = values.baseUrl ?? "";
  const cloudDefault = defaultCloudApiBaseUrl(values.phoneNumberId ?? "");
  if (variant === "cloud-api" && (baseUrl === "" || previous !== "cloud-api")) patch.baseUrl = cloudDefault;
  if (previous === "cloud-api" && variant !== "cloud-api" && baseUrl === cloudDefault) patch.baseUrl = "";
  return patch;
}

/** The provider tiles of step 1, in the spec's order: each stands for one variant. */
export const PROVIDER_TILES = ["infobip", "other-basic", "other-oAuth", "cloud-api", "twilio", "telegram"] as const satisfies readonly ChannelVariant[];

/** The step-1 values a provider tile sets: its channel type, provider and (for `other`) verification method. */
export function variantSelection(variant: ChannelVariant): InformationValues {
  if (variant === "telegram") return { channelType: "telegram", provider: "telegram" };
  if (variant === "other-basic" || variant === "other-oAuth") {
    return { channelType: "whatsapp", provider: "other", verificationMethod: variant === "other-oAuth" ? "oAuth" : "basic" };
  }
  return { channelType: "whatsapp", provider: variant };
}

/**
 * cloud-api's BaseUrl follows the Phone number ID while it still is the default (or empty); once
 * the administrator edits it, it is theirs. Returns the new BaseUrl, or null to leave it.
 */
export function followedCloudApiBaseUrl(baseUrl: string, previousPhoneNumberId: string, phoneNumberId: string): string | null {
  if (baseUrl !== "" && baseUrl !== defaultCloudApiBaseUrl(previousPhoneNumberId)) return null;
  const next = defaultCloudApiBaseUrl(phoneNumberId);
  return next === baseUrl ? null : next;
}

export interface StoredChannel {
  /** Masks of the stored secrets, by field (edit mode). */
  masks: Record<string, string>;
  /** The stored step-1 values (to tell whether the app key changed). */
  information: InformationValues;
}

/**
 * The stored secrets an empty field keeps (the schema context `keptSecrets`). As on the server, an
 * app secret is kept only while the app key is unchanged.
 */
export function keptSecretsFor(values: InformationValues, stored: StoredChannel | undefined): string[] {
  if (!stored) return [];
  const kept = Object.keys(stored.masks);
  const variant = variantOfValues(values);
  const app = variant ? APP_FIELDS[variant] : undefined;
  if (app && values[app.key] !== stored.information[app.key]) return kept.filter((field) => field !== app.secret);
  return kept;
}

/** Secrets never leave the browser in a draft (the server strips them too). */
export function withoutSecrets(information: InformationValues): InformationValues {
  return Object.fromEntries(Object.entries(information).filter(([field]) => !SECRETS.has(field)));
}

export function draftData(values: WizardValues): WizardValues {
  return { ...values, information: withoutSecrets(values.information) };
}

/** Whether the variant has secret fields a restored draft cannot bring back. */
export function hasSecretFields(values: InformationValues): boolean {
  const variant = variantOfValues(values);
  return variant !== null && Object.keys(VARIANT_FIELDS[variant]).some((field) => SECRETS.has(field));
}

// ---- Starting values ----

export function defaultBasic(): BasicValues {
  return {
    name: "",
    ouId: "",
    skillQueueId: "",
    transferKeywords: [],
    workTime: { workday: [{ start: "09:00", end: "18:00" }], nonWorkday: [{ start: "09:00", end: "12:00" }] },
    nonWorkingNotice: "",
    lastAgentMode: false,
    noCustomerReply: { enabled: false, minutes: "", message: "" },
    noAgentReply: { enabled: false, minutes: "", targetSkillQueueId: "" },
    sessionTransfer: { enabled: false, targetSkillQueueIds: [] },
    offlineMessages: false,
  };
}

export function defaultRobot(): RobotValues {
  return { robotEnabled: false, robotName: "", assistantEnabled: false };
}

const minutesText = (value: unknown) => (typeof value === "number" || typeof value === "string" ? String(value) : "");

/** A stored channel's step-2 values (lib/channels/record.ts basicFromRow) as the form holds them. */
export function basicFormValues(input: BasicConfigurationInput): BasicValues {
  const noCustomer = input.noCustomerReply;
  const noAgent = input.noAgentReply;
  const transfer = input.sessionTransfer;
  return {
    name: input.name,
    ouId: input.ouId,
    skillQueueId: input.skillQueueId,
    transferKeywords: [...input.transferKeywords],
    workTime: {
      workday: input.workTime.workday.map(({ start, end }) => ({ start, end })),
      nonWorkday: input.workTime.nonWorkday.map(({ start, end }) => ({ start, end })),
    },
    nonWorkingNotice: input.nonWorkingNotice,
    lastAgentMode: input.lastAgentMode,
    noCustomerReply: { enabled: noCustomer.enabled, minutes: minutesText(noCustomer.minutes), message: noCustomer.message ?? "" },
    noAgentReply: { enabled: noAgent.enabled, minutes: minutesText(noAgent.minutes), targetSkillQueueId: noAgent.targetSkillQueueId ?? "" },
    sessionTransfer: { enabled: transfer.enabled, targetSkillQueueIds: [...(transfer.targetSkillQueueIds ?? [])] },
    offlineMessages: input.offlineMessages,
  };
}

export function robotFormValues(input: RobotConfigurationInput): RobotValues {
  return { robotEnabled: input.robotEnabled, robotName: input.robotName ?? "", assistantEnabled: input.assistantEnabled };
}

/** A stored channel's step-1 values: every field of its variant, secrets empty. */
export function informationFormValues(input: ChannelInformationInput): InformationValues {
  const values: InformationValues = newInformation();
  for (const [field, value] of Object.entries(input)) {
    if (typeof value === "string") values[field] = isSecretField(field) ? "" : value;
  }
  const variant = variantOfValues(values);
  return variant ? { ...values, ...variantDefaults(values, variant) } : values;
}

/** The element id of a field: `field-<path with dashes>`, e.g. `field-workTime-workday-0-start`. */
export function fieldId(name: string): string {
  return `field-${name.replace(/\./g, "-")}`;
}
