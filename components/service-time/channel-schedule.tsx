import { useTranslations } from "next-intl";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ScheduleView } from "@/lib/service-time/schedule-view";
import { ScheduleStatusLine } from "./schedule-status";
import { ScheduleWeek } from "./schedule-week";

/** The channel's open hours on the channel page and the integration step: status now and the week. */
export function ChannelScheduleCard({ view, className }: { view: ScheduleView; className?: string }) {
  const t = useTranslations("schedule");
  return (
    <Card className={className} data-testid="channel-schedule">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { timeZone: view.timeZone })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ScheduleStatusLine view={view} />
        <ScheduleWeek week={view.week} today={view.week[0]?.date} />
      </CardContent>
    </Card>
  );
}
