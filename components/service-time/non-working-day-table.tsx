import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { NonWorkingDay } from "@/db/schema";
import type { ActionResult } from "@/lib/guard/actions";
import { rangeLength } from "@/lib/service-time/dates";
import { DeleteNonWorkingDayButton } from "./delete-non-working-day-button";
import { utcDate } from "./format";

/** The tenant's non-working days; `deleteAction` only for those who may edit (support staff read). */
export async function NonWorkingDayTable({
  days,
  deleteAction,
}: {
  days: NonWorkingDay[];
  deleteAction?: (input: { id: string }) => Promise<ActionResult<void>>;
}) {
  const [t, format] = await Promise.all([getTranslations("serviceTime.days"), getFormatter()]);
  if (days.length === 0) return <p className="p-4 text-sm text-slate-600">{t("empty")}</p>;
  const show = (date: string) => format.dateTime(utcDate(date), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("dates")}</TableHead>
          <TableHead>{t("label")}</TableHead>
          <TableHead>{t("length")}</TableHead>
          {deleteAction ? <TableHead className="sr-only">{t("delete")}</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {days.map((day) => (
          <TableRow key={day.id} data-testid="non-working-day-row">
            <TableCell className="whitespace-nowrap">
              <time dateTime={day.startDate}>{show(day.startDate)}</time>
              {day.endDate !== day.startDate ? (
                <>
                  {" – "}
                  <time dateTime={day.endDate}>{show(day.endDate)}</time>
                </>
              ) : null}
            </TableCell>
            <TableCell className="break-words">{day.label}</TableCell>
            <TableCell className="whitespace-nowrap">{t("lengthValue", { total: rangeLength(day.startDate, day.endDate) })}</TableCell>
            {deleteAction ? (
              <TableCell className="text-right">
                <DeleteNonWorkingDayButton id={day.id} label={day.label} action={deleteAction} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
