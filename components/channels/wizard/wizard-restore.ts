import { SECRET_FIELDS } from "@/lib/validations/channels/variants";
import { MAX_SEGMENTS } from "@/lib/validations/work-time-limits";
import {
  CHANNEL_TYPE_PROVIDERS,
  isSecretField,
  keptSecretsFor,
  variantDefaults,
  variantOfValues,
  type BasicValues,
  type InformationValues,
  type RobotValues,
  type SegmentValues,
  type StoredChannel,
  type WizardStep,
  type WizardValues,
} from "./wizard-values";

/*
 * A stored draft back into the wizard's form values. The draft is JSON the server did not
 * validate (only its size), so every value is type-checked and anything odd falls back to the
 * starting values; secrets never come back.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
const flag = (value: unknown, fallback: boolean) => (typeof value === "boolean" ? value : fallback);
const texts = (value: unknown, fallback: string[]) =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : fallback;
const minutes = (value: unknown, fallback: string) => (typeof value === "number" ? String(value) : text(value, fallback));

function segments(value: unknown, fallback: SegmentValues[]): SegmentValues[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_SEGMENTS) return fallback;
  if (!value.every((s) => isRecord(s) && typeof s.start === "string" && typeof s.end === "string")) return fallback;
  return value.map((s: Record<string, string>) => ({ start: s.start!, end: s.end! }));
}

function restoreInformation(raw: unknown, fallback: InformationValues, fixedVariant: boolean): InformationValues {
  if (!isRecord(raw)) return fallback;
  const values: InformationValues = { ...fallback };
  for (const [field, value] of Object.entries(raw)) {
    if (typeof value === "string" && !isSecretField(field)) values[field] = value;
  }
  if (fixedVariant) {
    // Editing: the type, provider and verification method are the stored channel's, whatever the draft says.
    for (const field of ["channelType", "provider", "verificationMethod"]) {
      if (fallback[field] !== undefined) values[field] = fallback[field];
    }
  }
  if (!Object.hasOwn(CHANNEL_TYPE_PROVIDERS, values.channelType ?? "")) values.channelType = fallback.channelType ?? "whatsapp";
  const variant = variantOfValues(values);
  return variant ? { ...values, ...variantDefaults(values, variant) } : { ...values, provider: "" };
}

function restoreBasic(raw: unknown, fallback: BasicValues): BasicValues {
  if (!isRecord(raw)) return fallback;
  const workTime = isRecord(raw.workTime) ? raw.workTime : {};
  const noCustomer = isRecord(raw.noCustomerReply) ? raw.noCustomerReply : {};
  const noAgent = isRecord(raw.noAgentReply) ? raw.noAgentReply : {};
  const transfer = isRecord(raw.sessionTransfer) ? raw.sessionTransfer : {};
  return {
    name: text(raw.name, fallback.name),
    ouId: text(raw.ouId, fallback.ouId),
    skillQueueId: text(raw.skillQueueId, fallback.skillQueueId),
    transferKeywords: texts(raw.transferKeywords, fallback.transferKeywords),
    workTime: {
      workday: segments(workTime.workday, fallback.workTime.workday),
      nonWorkday: segments(workTime.nonWorkday, fallback.workTime.nonWorkday),
    },
    nonWorkingNotice: text(raw.nonWorkingNotice, fallback.nonWorkingNotice),
    lastAgentMode: flag(raw.lastAgentMode, fallback.lastAgentMode),
    noCustomerReply: {
      enabled: flag(noCustomer.enabled, fallback.noCustomerReply.enabled),
      minutes: minutes(noCustomer.minutes, fallback.noCustomerReply.minutes),
      message: text(noCustomer.message, fallback.noCustomerReply.message),
    },
    noAgentReply: {
      enabled: flag(noAgent.enabled, fallback.noAgentReply.enabled),
      minutes: minutes(noAgent.minutes, fallback.noAgentReply.minutes),
      targetSkillQueueId: text(noAgent.targetSkillQueueId, fallback.noAgentReply.targetSkillQueueId),
    },
    sessionTransfer: {
      enabled: flag(transfer.enabled, fallback.sessionTransfer.enabled),
      targetSkillQueueIds: texts(transfer.targetSkillQueueIds, fallback.sessionTransfer.targetSkillQueueIds),
    },
    offlineMessages: flag(raw.offlineMessages, fallback.offlineMessages),
  };
}

function restoreRobot(raw: unknown, fallback: RobotValues): RobotValues {
  if (!isRecord(raw)) return fallback;
  return {
    robotEnabled: flag(raw.robotEnabled, fallback.robotEnabled),
    robotName: text(raw.robotName, fallback.robotName),
    assistantEnabled: flag(raw.assistantEnabled, fallback.assistantEnabled),
  };
}

/**
 * A stored draft over the wizard's starting values. The draft is JSON the server did not
 * validate, so every value is type-checked and anything odd falls back; secrets never come back.
 */
export function restoreDraft(data: unknown, fallback: WizardValues, options: { fixedVariant: boolean }): WizardValues {
  const draft = isRecord(data) ? data : {};
  return {
    information: restoreInformation(draft.information, fallback.information, options.fixedVariant),
    basic: restoreBasic(draft.basic, fallback.basic),
    robot: restoreRobot(draft.robot, fallback.robot),
  };
}

export function draftStep(step: unknown): WizardStep {
  return step === 2 || step === 3 ? step : 1;
}

export interface RetypeField {
  name: string;
  /** The channel cannot be saved without it; an optional one (Telegram's bot token) may have been typed or not. */
  required: boolean;
}

/**
 * The secrets a restored draft leaves empty that the channel does not keep: every secret of the
 * restored variant except those stored and still valid for it (an edit with the same app key).
 */
export function secretsToRetype(information: InformationValues, stored: StoredChannel | undefined): RetypeField[] {
  const variant = variantOfValues(information);
  if (!variant) return [];
  const kept = new Set(keptSecretsFor(information, stored));
  return Object.entries(SECRET_FIELDS[variant] as Record<string, "required" | "optional">)
    .filter(([name]) => !kept.has(name))
    .map(([name, rule]) => ({ name, required: rule === "required" }));
}
