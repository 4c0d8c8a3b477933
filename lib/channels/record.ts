import type { ChannelValues } from "@/db/queries/channels";
import type { Channel } from "@/db/schema";
import type { BasicConfiguration, BasicConfigurationInput } from "@/lib/validations/channels/basic";
import {
  ALL_SECRET_FIELDS,
  secretFieldsOf,
  variantOf,
  type ChannelInformation,
  type ChannelInformationInput,
  type ChannelVariant,
} from "@/lib/validations/channels/information";
import type { RobotConfiguration, RobotConfigurationInput } from "@/lib/validations/channels/robot";

/*
 * Between the wizard's three step values and a `channels` row. Secret fields never travel this
 * way: the caller encrypts them into `secrets`, and the row's `settings` keeps only their masks.
 */

/** Information fields stored in their own columns rather than in `settings`. */
const COLUMN_FIELDS = new Set(["channelType", "provider", "verificationMethod", "phoneNumber", "trustCertificateId", "identityCertificateId"]);
const SECRET_SET = new Set<string>(ALL_SECRET_FIELDS);

export type SecretMasks = Partial<Record<string, string>>;

/** Non-secret provider settings, as stored in `settings` (plus the masks of stored secrets). */
export function settingsOf(info: ChannelInformation, masks: SecretMasks): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(info)) {
    if (!COLUMN_FIELDS.has(field) && !SECRET_SET.has(field)) settings[field] = value;
  }
  settings.secretMasks = masks;
  return settings;
}

export function rowValues(input: {
  id: string;
  information: ChannelInformation;
  basic: BasicConfiguration;
  robot: RobotConfiguration;
  secrets: Record<string, string>;
  masks: SecretMasks;
  apiAppId: string | null;
}): ChannelValues & { id: string } {
  const { information: info, basic, robot } = input;
  return {
    id: input.id,
    name: basic.name,
    channelType: info.channelType,
    provider: info.provider,
    verificationMethod: info.provider === "other" ? info.verificationMethod : null,
    phoneNumber: "phoneNumber" in info ? info.phoneNumber : null,
    settings: settingsOf(info, input.masks),
    secrets: input.secrets,
    trustCertificateId: "trustCertificateId" in info ? info.trustCertificateId : null,
    identityCertificateId: "identityCertificateId" in info && info.identityCertificateId ? info.identityCertificateId : null,
    apiAppId: input.apiAppId,
    ouId: basic.ouId,
    skillQueueId: basic.skillQueueId,
    transferKeywords: basic.transferKeywords,
    workTime: basic.workTime,
    nonWorkingNotice: basic.nonWorkingNotice,
    lastAgentMode: basic.lastAgentMode,
    noCustomerReplyEnabled: basic.noCustomerReply.enabled,
    noCustomerReplyMinutes: basic.noCustomerReply.enabled ? basic.noCustomerReply.minutes : null,
    noCustomerReplyMessage: basic.noCustomerReply.enabled ? basic.noCustomerReply.message : "",
    noAgentReplyEnabled: basic.noAgentReply.enabled,
    noAgentReplyMinutes: basic.noAgentReply.enabled ? basic.noAgentReply.minutes : null,
    noAgentReplyQueueId: basic.noAgentReply.enabled ? basic.noAgentReply.targetSkillQueueId : null,
    sessionTransferEnabled: basic.sessionTransfer.enabled,
    offlineMessagesEnabled: basic.offlineMessages,
    robotEnabled: robot.robotEnabled,
    robotName: robot.robotEnabled ? robot.robotName : "",
    robotAssistantEnabled: robot.assistantEnabled,
  };
}

export function variantOfRow(row: Pick<Channel, "provider" | "verificationMethod">): ChannelVariant {
  return variantOf({ provider: row.provider, verificationMethod: row.verificationMethod });
}

export function secretMasksOf(row: Pick<Channel, "settings">): SecretMasks {
  const masks = row.settings.secretMasks;
  return masks && typeof masks === "object" ? (masks as SecretMasks) : {};
}

/** Step-1 values to pre-fill the wizard: every secret empty ("keep what is stored"). */
export function informationFromRow(row: Channel): ChannelInformationInput {
  const { secretMasks: _masks, ...settings } = row.settings;
  void _masks;
  const values: Record<string, unknown> = {
    ...settings,
    channelType: row.channelType,
    provider: row.provider,
    ...(row.verificationMethod ? { verificationMethod: row.verificationMethod } : {}),
    ...(row.phoneNumber !== null ? { phoneNumber: row.phoneNumber } : {}),
    ...(row.trustCertificateId !== null ? { trustCertificateId: row.trustCertificateId } : {}),
  };
  if (row.identityCertificateId !== null || row.provider === "infobip" || row.provider === "cloud-api") {
    values.identityCertificateId = row.identityCertificateId ?? "";
  }
  // Every secret field of the variant, stored or not, starts empty: "keep what is stored" / "none".
  for (const field of secretFieldsOf(variantOfRow(row))) values[field] = "";
  return values as ChannelInformationInput;
}

export function basicFromRow(row: Channel & { transferQueueIds: string[] }): BasicConfigurationInput {
  return {
    name: row.name,
    ouId: row.ouId,
    skillQueueId: row.skillQueueId,
    transferKeywords: row.transferKeywords,
    workTime: row.workTime,
    nonWorkingNotice: row.nonWorkingNotice,
    lastAgentMode: row.lastAgentMode,
    noCustomerReply: row.noCustomerReplyEnabled
      ? { enabled: true, minutes: row.noCustomerReplyMinutes ?? 0, message: row.noCustomerReplyMessage }
      : { enabled: false },
    noAgentReply:
      row.noAgentReplyEnabled && row.noAgentReplyQueueId
        ? { enabled: true, minutes: row.noAgentReplyMinutes ?? 0, targetSkillQueueId: row.noAgentReplyQueueId }
        : { enabled: false },
    sessionTransfer: row.sessionTransferEnabled ? { enabled: true, targetSkillQueueIds: row.transferQueueIds } : { enabled: false },
    offlineMessages: row.offlineMessagesEnabled,
  };
}

export function robotFromRow(row: Channel): RobotConfigurationInput {
  return row.robotEnabled
    ? { robotEnabled: true, robotName: row.robotName, assistantEnabled: row.robotAssistantEnabled }
    : { robotEnabled: false, assistantEnabled: row.robotAssistantEnabled };
}
