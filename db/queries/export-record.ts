import type { ChannelProviderValue, ChannelStatusValue, ChannelTypeValue } from "../schema/channels";

/*
 * One channel as an export sees it: every basic and robot configuration field, with references
 * (OU, skill queues) resolved to the names an administrator recognises, and nothing secret. The
 * row source (db/queries/channel-export.ts) produces these; the file writers (xlsx, csv) turn
 * them into cells. There is deliberately no field here that could carry a password, key, token
 * or secret, so a writer cannot leak one by accident.
 */
export interface ExportChannelRecord {
  name: string;
  channelType: ChannelTypeValue;
  provider: ChannelProviderValue;
  /** "basic" | "oAuth" for provider "other", otherwise null. */
  verificationMethod: "basic" | "oAuth" | null;
  status: ChannelStatusValue;
  /** E.164, WhatsApp channels only. */
  phoneNumber: string | null;
  /** The OU's path from the root, e.g. "Sales / EMEA". */
  ou: string;
  skillQueue: string;
  transferKeywords: string[];
  workTime: {
    workday: { start: string; end: string }[];
    nonWorkday: { start: string; end: string }[];
  };
  nonWorkingNotice: string;
  lastAgentMode: boolean;
  noCustomerReply: { enabled: boolean; minutes: number | null; message: string };
  noAgentReply: { enabled: boolean; minutes: number | null; skillQueue: string | null };
  sessionTransfer: { enabled: boolean; skillQueues: string[] };
  offlineMessages: boolean;
  robotEnabled: boolean;
  robotName: string;
  robotAssistantEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}
