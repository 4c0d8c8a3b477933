import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DetailList, type DetailRow } from "@/components/console/detail-list";
import type { ChannelDetailView, ChannelReferenceNames } from "@/db/queries/channel-detail";
import { secretMasksOf, variantOfRow } from "@/lib/channels/record";
import {
  cloudApiInformationSchema,
  infobipInformationSchema,
  otherBasicInformationSchema,
  otherOAuthInformationSchema,
  SECRET_FIELDS,
  secretKindOf,
  telegramInformationSchema,
  twilioInformationSchema,
  type ChannelVariant,
} from "@/lib/validations/channels/information";

/*
 * The channel's configuration, steps 1–3 of the wizard, for reading. Secrets appear only as the
 * masks computed when they were saved (`••••3f9a`): nothing is decrypted to draw this page.
 */

// The step-1 schema of each variant lists its fields in the wizard's order.
const INFORMATION_SCHEMAS = {
  infobip: infobipInformationSchema,
  "other-basic": otherBasicInformationSchema,
  "other-oAuth": otherOAuthInformationSchema,
  "cloud-api": cloudApiInformationSchema,
  twilio: twilioInformationSchema,
  telegram: telegramInformationSchema,
} as const satisfies Record<ChannelVariant, { shape: object }>;

const NOT_SHOWN = new Set(["channelType", "provider"]);

export function informationFieldsOf(variant: ChannelVariant): string[] {
  return Object.keys(INFORMATION_SCHEMAS[variant].shape).filter((field) => !NOT_SHOWN.has(field));
}

const mono = (text: string) => <span className="font-mono text-xs">{text}</span>;

export async function ChannelInformationList({ channel, names }: { channel: ChannelDetailView; names: ChannelReferenceNames }) {
  const [t, locale, format] = await Promise.all([getTranslations("channelIntegration.detail"), getLocale(), getFormatter()]);
  const variant = variantOfRow(channel);
  const secrets: Record<string, string> = SECRET_FIELDS[variant];
  const masks = secretMasksOf(channel);
  const languages = new Intl.DisplayNames([locale], { type: "language" });

  const valueOf = (field: string): React.ReactNode => {
    if (field in secrets) {
      const mask = masks[field];
      if (!mask) return t("values.notSet");
      // Masks saved before passwords lost their tail may still hold one: a password shows only "set".
      return <code data-testid={`secret-mask-${field}`}>{secretKindOf(field) === "password" ? t("values.set") : mask}</code>;
    }
    switch (field) {
      case "verificationMethod":
        return channel.verificationMethod;
      case "phoneNumber":
        return channel.phoneNumber ? mono(channel.phoneNumber) : t("values.none");
      case "trustCertificateId":
      case "identityCertificateId": {
        const id = channel[field];
        return id ? (names.certificates[id] ?? t("values.unknownReference")) : t("values.none");
      }
    }
    const value = channel.settings[field];
    if (typeof value !== "string" || value === "") return t("values.none");
    if (field === "chatLanguage") return `${languages.of(value) ?? value} (${value})`;
    if (field === "tokenValidity") {
      return value === "never" ? t("values.never") : format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
    }
    return field === "baseUrl" || field === "accountSid" || field.endsWith("Id") ? mono(value) : value;
  };

  const rows: DetailRow[] = informationFieldsOf(variant).map((field) => ({
    key: field,
    label: t(`fields.${field}` as never),
    value: valueOf(field),
    testId: `channel-field-${field}`,
  }));
  if (channel.apiAppId) {
    rows.push({ key: "apiApp", label: t("fields.apiApp"), value: names.apiApp?.name ?? t("values.unknownReference") });
  }
  return (
    <div className="grid gap-3">
      <DetailList rows={rows} />
      <p className="text-xs text-slate-500">{t("values.secretNote")}</p>
    </div>
  );
}

export async function BasicConfigurationList({ channel, names }: { channel: ChannelDetailView; names: ChannelReferenceNames }) {
  const t = await getTranslations("channelIntegration.detail");
  const onOff = (on: boolean) => (on ? t("values.on") : t("values.off"));
  const queue = (id: string | null) => (id ? (names.queues[id] ?? t("values.unknownReference")) : t("values.none"));
  const segments = (list: { start: string; end: string }[]) =>
    list.length === 0 ? t("values.none") : mono(list.map((segment) => `${segment.start}–${segment.end}`).join(", "));

  const rows: DetailRow[] = [
    { key: "name", label: t("basic.name"), value: channel.name },
    { key: "ou", label: t("basic.ou"), value: names.ou ?? t("values.unknownReference") },
    { key: "skillQueue", label: t("basic.skillQueue"), value: queue(channel.skillQueueId) },
    {
      key: "transferKeywords",
      label: t("basic.transferKeywords"),
      value: channel.transferKeywords.length ? channel.transferKeywords.join(", ") : t("values.none"),
    },
    { key: "workday", label: t("basic.workday"), value: segments(channel.workTime.workday) },
    { key: "nonWorkday", label: t("basic.nonWorkday"), value: segments(channel.workTime.nonWorkday) },
    { key: "nonWorkingNotice", label: t("basic.nonWorkingNotice"), value: channel.nonWorkingNotice || t("values.none") },
    { key: "lastAgentMode", label: t("basic.lastAgentMode"), value: onOff(channel.lastAgentMode) },
    {
      key: "noCustomerReply",
      label: t("basic.noCustomerReply"),
      value: channel.noCustomerReplyEnabled
        ? t("values.afterMinutes", { minutes: String(channel.noCustomerReplyMinutes ?? ""), message: channel.noCustomerReplyMessage })
        : onOff(false),
    },
    {
      key: "noAgentReply",
      label: t("basic.noAgentReply"),
      value: channel.noAgentReplyEnabled
        ? t("values.transferAfter", { minutes: String(channel.noAgentReplyMinutes ?? ""), queue: queue(channel.noAgentReplyQueueId) as string })
        : onOff(false),
    },
    {
      key: "sessionTransfer",
      label: t("basic.sessionTransfer"),
      value: channel.sessionTransferEnabled
        ? t("values.transferTo", { queues: channel.transferQueueIds.map((id) => queue(id)).join(", ") })
        : onOff(false),
    },
    { key: "offlineMessages", label: t("basic.offlineMessages"), value: onOff(channel.offlineMessagesEnabled) },
  ];
  return <DetailList rows={rows} />;
}

export async function RobotConfigurationList({ channel }: { channel: ChannelDetailView }) {
  const t = await getTranslations("channelIntegration.detail");
  const rows: DetailRow[] = [
    {
      key: "robotEnabled",
      label: t("robot.robotEnabled"),
      value: channel.robotEnabled ? t("values.onWithRobot", { robot: channel.robotName }) : t("values.off"),
    },
    { key: "assistantEnabled", label: t("robot.assistantEnabled"), value: channel.robotAssistantEnabled ? t("values.on") : t("values.off") },
  ];
  return <DetailList rows={rows} />;
}
