import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ExportTaskView } from "@/lib/exports/task-view";
import { ExportProgress } from "./export-progress";
import { fileSize, reasonKeyOf, STATUS_BADGE } from "./task-display";

/**
 * The tenant's export tasks, newest first: who started which export when, how far it got, and
 * its file while the file lasts. Each row carries `id="task-<id>"`, so the channel list's
 * confirmation can link straight to (and highlight) the task it queued.
 */
export async function ExportTaskTable({ tasks, caption }: { tasks: ExportTaskView[]; caption: string }) {
  const [t, format] = await Promise.all([getTranslations("exports"), getFormatter()]);
  const tAll = await getTranslations();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const size = (bytes: number) => {
    const { value, unit } = fileSize(bytes);
    return format.number(value, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
  };
  const reasonText = (key: string) => (tAll.has(key as never) ? tAll(key as never) : t("errors.failed"));

  return (
    <Table data-testid="export-tasks">
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.createdAt")}</TableHead>
          <TableHead>{t("columns.createdBy")}</TableHead>
          <TableHead>{t("columns.format")}</TableHead>
          <TableHead className="text-right">{t("columns.records")}</TableHead>
          <TableHead>{t("columns.status")}</TableHead>
          <TableHead>{t("columns.file")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tasks.map((task) => {
          const reason = reasonKeyOf(task);
          const started = when(task.createdAt);
          return (
            <TableRow key={task.id} id={`task-${task.id}`} data-testid="export-task" data-status={task.status} className="scroll-mt-4 target:bg-amber-50">
              <TableCell className="whitespace-nowrap">
                <time dateTime={task.createdAt}>{started}</time>
              </TableCell>
              <TableCell className="max-w-56 [overflow-wrap:anywhere]">{task.createdBy}</TableCell>
              <TableCell>{t(`formats.${task.format}`)}</TableCell>
              <TableCell className="text-right tabular-nums">{format.number(task.totalRows)}</TableCell>
              <TableCell>
                <div className="grid justify-items-start gap-1">
                  <Badge variant={STATUS_BADGE[task.status]} data-testid="export-status">
                    {t(`statuses.${task.status}`)}
                  </Badge>
                  {task.status === "running" ? (
                    <ExportProgress
                      percent={task.percent}
                      label={t("progressLabel", { time: started })}
                      text={t("progress", {
                        processed: format.number(task.processedRows),
                        total: format.number(task.totalRows),
                        percent: format.number(task.percent / 100, { style: "percent" }),
                      })}
                    />
                  ) : null}
                  {task.status === "queued" && !reason ? <p className="text-xs text-slate-600">{t("waiting")}</p> : null}
                  {reason ? (
                    <p className={task.status === "failed" ? "max-w-72 text-sm text-red-700" : "max-w-72 text-xs text-slate-600"} data-testid="export-reason">
                      {reasonText(reason)}
                    </p>
                  ) : null}
                </div>
              </TableCell>
              <TableCell>
                {task.status === "success" && task.downloadUrl && task.fileName ? (
                  <div className="grid gap-0.5">
                    <a href={task.downloadUrl} download={task.fileName} className="font-medium text-blue-700 hover:underline [overflow-wrap:anywhere]">
                      {t("download", { fileName: task.fileName })}
                    </a>
                    {task.byteSize !== null ? (
                      <span className="text-xs text-slate-600">{(task.fileCount ?? 1) > 1 ? t("fileDetailsZip", { count: task.fileCount ?? 1, size: size(task.byteSize) }) : t("fileSize", { size: size(task.byteSize) })}</span>
                    ) : null}
                    {task.expiresAt ? (
                      <span className="text-xs text-slate-600" data-testid="export-expires">
                        {t("expires", { time: when(task.expiresAt) })}
                      </span>
                    ) : null}
                  </div>
                ) : task.status === "expired" ? (
                  <span className="text-sm text-slate-600">
                    {task.expiresAt ? t("expiredOn", { time: when(task.expiresAt) }) : t("expiredNoDate")}
                  </span>
                ) : (
                  <>
                    <span aria-hidden="true" className="text-slate-400">
                      —
                    </span>
                    <span className="sr-only">{t("noFile")}</span>
                  </>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
