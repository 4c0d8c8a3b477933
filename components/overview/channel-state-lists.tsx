import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ClassifiedChannel } from "@/lib/overview/classify";
import { reasonText } from "./reason-text";

/** How many silent channels are named; the rest are counted and left to the channel list. */
const SILENT_SHOWN = 20;

function ChannelLink({ channel }: { channel: ClassifiedChannel }) {
  return (
    <Link href={`/channels/${channel.id}`} className="font-medium break-words text-slate-900 underline underline-offset-4 hover:text-slate-600">
      {channel.name}
    </Link>
  );
}

/** The failing channels by name, each with why: refused calls (how many, the newest reason) and / or a failed check. */
export async function FailingChannels({ channels, timeZone }: { channels: ClassifiedChannel[]; timeZone: string }) {
  const [t, format] = await Promise.all([getTranslations("overview.failing"), getFormatter()]);
  const reason = await reasonText();
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <Card id="failing-channels" data-testid="overview-failing" className="scroll-mt-4">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {channels.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {channels.map((channel) => (
              <li key={channel.id} className="py-2 text-sm" data-testid="overview-failing-channel">
                <ChannelLink channel={channel} />
                {channel.causes.includes("rejections") ? (
                  <span className="block text-red-800">
                    {t("rejections", { count: channel.recentRejections, reason: reason(channel.lastRejectionReason) })}
                  </span>
                ) : null}
                {channel.causes.includes("connectionCheck") && channel.lastCheck ? (
                  <span className="block text-red-800">{t("checkFailed", { time: when(channel.lastCheck.checkedAt) })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** The silent channels by name, never-called first; beyond SILENT_SHOWN, a count and the channel list. */
export async function SilentChannels({ channels, timeZone }: { channels: ClassifiedChannel[]; timeZone: string }) {
  const [t, format] = await Promise.all([getTranslations("overview.silent"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone });
  const shown = channels.slice(0, SILENT_SHOWN);
  return (
    <Card id="silent-channels" data-testid="overview-silent" className="scroll-mt-4">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {channels.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {shown.map((channel) => (
              <li key={channel.id} className="py-2 text-sm" data-testid="overview-silent-channel">
                <ChannelLink channel={channel} />
                <span className="block text-slate-600">
                  {channel.lastAcceptedAt ? t("lastAccepted", { time: when(channel.lastAcceptedAt) }) : t("never")}
                </span>
              </li>
            ))}
          </ul>
        )}
        {channels.length > shown.length ? (
          <Link href="/channels?status=enabled" className="mt-2 inline-block text-sm underline underline-offset-4">
            {t("more", { count: channels.length - shown.length })}
          </Link>
        ) : null}
      </CardContent>
    </Card>
  );
}
