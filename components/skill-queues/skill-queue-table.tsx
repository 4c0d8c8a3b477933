"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { LiveStatus } from "@/components/forms/live-status";
import { Button, buttonVariants } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ActionResult } from "@/lib/guard/actions";
import type { SkillQueueIdInput } from "@/lib/validations/skill-queues";

export interface SkillQueueListItem {
  id: string;
  name: string;
  description: string;
  /** Formatted on the server in the reader's language. */
  updated: string;
}

/**
 * One page of skill queues. With `deleteAction` (tenant administrators) each row has Edit and a
 * Delete that asks for confirmation in place; without it the table is read-only.
 */
export function SkillQueueTable({
  queues,
  emptyText,
  deleteAction,
}: {
  queues: SkillQueueListItem[];
  /** Shown instead of the table when there are no queues (the deletion notice stays above it). */
  emptyText: string;
  deleteAction?: (input: SkillQueueIdInput) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations("skillQueues");
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const ask = (id: string | null) => {
    setConfirming(id);
    setError(null);
    setNotice(null);
  };
  const remove = (queue: SkillQueueListItem) =>
    startTransition(async () => {
      if (!deleteAction) return;
      const result = await deleteAction({ skillQueueId: queue.id }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (!result.ok) return setError(result.error);
      setConfirming(null);
      setNotice(t("delete.done", { name: queue.name }));
      router.refresh();
    });

  return (
    <>
      <LiveStatus className="m-3">{notice}</LiveStatus>
      {queues.length === 0 ? (
        <p className="p-4 text-sm text-slate-600">{emptyText}</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("descriptionLabel")}</TableHead>
              <TableHead>{t("updated")}</TableHead>
              {deleteAction ? <TableHead className="text-right">{t("actions")}</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {queues.map((queue) => (
              <TableRow key={queue.id} data-testid="skill-queue-row">
                <TableCell className="font-medium">{queue.name}</TableCell>
                <TableCell className="max-w-md whitespace-pre-line break-words text-slate-700">{queue.description || "—"}</TableCell>
                <TableCell className="whitespace-nowrap">{queue.updated}</TableCell>
                {deleteAction ? (
                  <TableCell className="text-right">
                    {confirming === queue.id ? (
                      <div role="group" aria-label={t("delete.startLabel", { name: queue.name })} className="grid justify-items-end gap-2">
                        <FormStatus error={error} />
                        <p className="text-sm">{t("delete.confirm", { name: queue.name })}</p>
                        <div className="flex gap-2">
                          <Button type="button" size="sm" variant="destructive" disabled={pending} onClick={() => remove(queue)}>
                            {pending ? t("delete.deleting") : t("delete.submit")}
                          </Button>
                          <Button type="button" size="sm" variant="outline" onClick={() => ask(null)}>
                            {t("delete.cancel")}
                          </Button>
                        </div>
                      </div>
                    ) : (
                      <div className="flex justify-end gap-1">
                        <Link
                          href={`/settings/skill-queues/${queue.id}`}
                          className={buttonVariants({ variant: "outline", size: "sm" })}
                          aria-label={t("editLabel", { name: queue.name })}
                        >
                          {t("edit")}
                        </Link>
                        <Button
                          type="button"
                          size="sm"
                          variant="ghost"
                          className="text-red-700"
                          aria-label={t("delete.startLabel", { name: queue.name })}
                          onClick={() => ask(queue.id)}
                        >
                          {t("delete.start")}
                        </Button>
                      </div>
                    )}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
