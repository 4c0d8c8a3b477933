import type { ChannelValues } from "@/db/queries/channels";

/*
 * What the audit log keeps of a channel save: every configuration field of all three wizard
 * steps (provider settings, work time, notices, timeouts, robot, transfer queues), and of secrets
 * only the names of those typed, as "set" or "replaced" — never a value, a mask or a digest.
 */

/** The row's own columns that are configuration; a unit test fails when a new column is not listed. */
export const AUDITED_COLUMNS = [
  "name",
  "channelType",
  "provider",
  "verificationMethod",
  "phoneNumber",
  "trustCertificateId",
  "identityCertificateId",
  "apiAppId",
  "ouId",
  "skillQueueId",
  "transferKeywords",
  "workTime",
  "nonWorkingNotice",
  "lastAgentMode",
  "noCustomerReplyEnabled",
  "noCustomerReplyMinutes",
  "noCustomerReplyMessage",
  "noAgentReplyEnabled",
  "noAgentReplyMinutes",
  "noAgentReplyQueueId",
  "sessionTransferEnabled",
  "offlineMessagesEnabled",
  "robotEnabled",
  "robotName",
  "robotAssistantEnabled",
] as const satisfies readonly (keyof ChannelValues)[];

/** Columns deliberately not audited: the row id is the entry's target, secrets are named separately. */
export const UNAUDITED_COLUMNS = ["id", "secrets", "settings"] as const;

type Audited = Pick<ChannelValues, (typeof AUDITED_COLUMNS)[number] | "settings">;

export function channelAuditView(row: Audited, transferQueueIds: readonly string[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const column of AUDITED_COLUMNS) view[column] = row[column] ?? null;
  const { secretMasks: _masks, ...settings } = (row.settings ?? {}) as Record<string, unknown>;
  void _masks;
  view.settings = settings;
  view.transferQueueIds = [...transferQueueIds];
  return view;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The entry's before / after: on an edit only the fields that changed (nested settings and work
 * time compared field by field), on a creation the whole configuration.
 */
export function channelAuditChange(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  typedSecrets: readonly string[],
): { before: Record<string, unknown> | null; after: Record<string, unknown> } {
  const secrets = typedSecrets.length > 0 ? { secrets: Object.fromEntries(typedSecrets.map((field) => [field, before ? "replaced" : "set"])) } : {};
  if (!before) return { before: null, after: { ...after, ...secrets } };
  const [oldSide, newSide] = difference(before, after);
  return { before: oldSide, after: { ...newSide, ...secrets } };
}

function difference(before: Record<string, unknown>, after: Record<string, unknown>): [Record<string, unknown>, Record<string, unknown>] {
  const oldSide: Record<string, unknown> = {};
  const newSide: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [b, a] = [before[key], after[key]];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (isObject(b) && isObject(a)) {
      const [innerOld, innerNew] = difference(b, a);
      oldSide[key] = innerOld;
      newSide[key] = innerNew;
    } else {
      if (key in before) oldSide[key] = b;
      if (key in after) newSide[key] = a;
    }
  }
  return [oldSide, newSide];
}
