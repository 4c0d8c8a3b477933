import type { ExportHeaderKey, ExportLabels } from "./labels";
import type { ExportChannelRecord } from "./record";

/** One cell: text, or a number written as a numeric cell. "" is an empty cell. */
export type ExportCell = string | number;

export interface ExportColumn {
  key: ExportHeaderKey;
  header: string;
  /** Column width in characters, a hint for spreadsheet writers. */
  width: number;
  value: (record: ExportChannelRecord) => ExportCell;
}

type Segment = { start: string; end: string };

const LIST_SEPARATOR = "; ";

function segmentsText(segments: readonly Segment[]): string {
  let text = "";
  for (const segment of segments) text += (text ? ", " : "") + segment.start + "–" + segment.end;
  return text;
}

/**
 * The export's columns, in file order: one row per channel, every basic and robot setting, and
 * nothing secret (ExportChannelRecord has no secret to give). A setting whose switch is off leaves
 * its dependent cells empty, so a stale value kept in the database is not mistaken for a live one.
 */
export function exportColumns(labels: ExportLabels): readonly ExportColumn[] {
  const yesNo = (on: boolean) => (on ? labels.yes : labels.no);
  const { formatDateTime } = labels;
  const table: [ExportHeaderKey, number, ExportColumn["value"]][] = [
    ["name", 24, (r) => r.name],
    ["channelType", 12, (r) => labels.channelTypes[r.channelType]],
    ["provider", 16, (r) => labels.providers[r.provider]],
    ["verificationMethod", 14, (r) => (r.verificationMethod ? labels.verificationMethods[r.verificationMethod] : "")],
    ["status", 12, (r) => labels.statuses[r.status]],
    ["phoneNumber", 18, (r) => r.phoneNumber ?? ""],
    ["ou", 24, (r) => r.ou],
    ["skillQueue", 20, (r) => r.skillQueue],
    ["transferKeywords", 30, (r) => r.transferKeywords.join(LIST_SEPARATOR)],
    ["workdaySegments", 28, (r) => segmentsText(r.workTime.workday)],
    ["nonWorkdaySegments", 28, (r) => segmentsText(r.workTime.nonWorkday)],
    ["nonWorkingNotice", 40, (r) => r.nonWorkingNotice],
    ["lastAgentMode", 12, (r) => yesNo(r.lastAgentMode)],
    ["noCustomerReplyEnabled", 14, (r) => yesNo(r.noCustomerReply.enabled)],
    ["noCustomerReplyMinutes", 12, (r) => (r.noCustomerReply.enabled ? (r.noCustomerReply.minutes ?? "") : "")],
    ["noCustomerReplyMessage", 40, (r) => (r.noCustomerReply.enabled ? r.noCustomerReply.message : "")],
    ["noAgentReplyEnabled", 14, (r) => yesNo(r.noAgentReply.enabled)],
    ["noAgentReplyMinutes", 12, (r) => (r.noAgentReply.enabled ? (r.noAgentReply.minutes ?? "") : "")],
    ["noAgentReplyQueue", 20, (r) => (r.noAgentReply.enabled ? (r.noAgentReply.skillQueue ?? "") : "")],
    ["sessionTransferEnabled", 14, (r) => yesNo(r.sessionTransfer.enabled)],
    [
      "sessionTransferQueues",
      30,
      (r) => (r.sessionTransfer.enabled ? r.sessionTransfer.skillQueues.join(LIST_SEPARATOR) : ""),
    ],
    ["offlineMessages", 12, (r) => yesNo(r.offlineMessages)],
    ["robotEnabled", 12, (r) => yesNo(r.robotEnabled)],
    ["robotName", 20, (r) => (r.robotEnabled ? r.robotName : "")],
    ["robotAssistantEnabled", 12, (r) => yesNo(r.robotAssistantEnabled)],
    ["createdAt", 21, (r) => formatDateTime(r.createdAt)],
    ["updatedAt", 21, (r) => formatDateTime(r.updatedAt)],
  ];
  return table.map(([key, width, value]) => ({ key, header: labels.headers[key], width, value }));
}
