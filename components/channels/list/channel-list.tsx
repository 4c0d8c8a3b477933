"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SortLink } from "@/lib/validations/channel-list";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { cn } from "@/lib/utils";
import { BulkConnectionCheck, type CheckConnectionsAction } from "@/components/channels/connection-check/bulk-connection-check";
import { HealthMark } from "@/components/channels/connection-check/health-mark";
import type { HealthMark as Health } from "@/lib/channels/connection-check/view";
import { ChannelExportToolbar, type ExportScope, type StartExport } from "./channel-export-toolbar";
import { ChannelRowActions, type ChannelRowActionHandlers } from "./channel-row-actions";
import { pageSelectionState, selectedOnPage, toggleAllOnPage, toggleChannel } from "./export-selection";
import { SelectionCheckbox } from "./selection-checkbox";

export interface ChannelListRow {
  id: string;
  name: string;
  variant: ChannelVariant;
  status: "enabled" | "disabled";
  phoneNumber: string | null;
  /** ISO instant and its text in the reader's language (formatted on the server). */
  created: { iso: string; text: string };
  updated: { iso: string; text: string };
}

/** Links get the same visible focus as the buttons and checkboxes beside them. */
const FOCUS_RING = "rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

export type EmptyKind = "none" | "noMatch" | "page";

/**
 * One page of channels. Row actions confirm their outcome in toasts; after a deletion focus moves
 * to the list itself, so a keyboard user is not dropped at the page's start. Without `actions`
 * (support staff) the list is read-only. Every reader may tick channels of the page and export them (or, with none
 * ticked, everything the search and filters match); the ticks belong to one page view, so another
 * page, search, filter or sort starts with none.
 */
export function ChannelList({
  rows,
  caption,
  sortLinks,
  empty,
  clearHref,
  firstPageHref,
  viewKey,
  exporting,
  actions,
  health = {},
  checkConnections,
}: {
  rows: ChannelListRow[];
  caption: string;
  sortLinks: Record<"name" | "created" | "updated", SortLink>;
  empty: EmptyKind;
  /** The list without search and filters (the empty states' way out). */
  clearHref: string;
  /** The same search from its first page (when a page emptied meanwhile). */
  firstPageHref: string;
  /** The list's URL (search, filters, sort, cursor): ticks made under another one are dropped. */
  viewKey: string;
  exporting: { scope: ExportScope; startExport: StartExport };
  actions?: ChannelRowActionHandlers;
  /** Each checked channel's last connection check (the rest were never checked). */
  health?: Record<string, Health>;
  /** Tenant administrators check the ticked channels' connections; support staff only see the marks. */
  checkConnections?: CheckConnectionsAction;
}) {
  const t = useTranslations("channelList");
  const tc = useTranslations("channels");
  const th = useTranslations("connectionCheck");
  const listRef = useRef<HTMLDivElement>(null);
  const [ticks, setTicks] = useState<{ viewKey: string; ids: ReadonlySet<string> }>({ viewKey, ids: new Set() });
  const rowIds = rows.map((row) => row.id);
  // A deleted or moved row drops out of the selection; the toolbar counts only what is on the page.
  const selected = selectedOnPage(ticks.viewKey === viewKey ? ticks.ids : new Set(), rowIds);
  const selectedSet = new Set(selected);
  const pageState = pageSelectionState(selected.length, rows.length);
  const select = (ids: ReadonlySet<string>) => setTicks({ viewKey, ids });
  const [checked, setChecked] = useState<Record<string, Health>>({});
  const healthOf = (id: string) => checked[id] ?? health[id];

  const sortable = (column: "name" | "created" | "updated") => (
    <TableHead aria-sort={sortLinks[column].direction}>
      {column === "name" ? (
        // In the name column, not a column of its own, so the name stays the row's first cell.
        <SelectionCheckbox
          label={t("export.selectAll")}
          checked={pageState === "all"}
          mixed={pageState === "some"}
          onChange={(checked) => select(toggleAllOnPage(rowIds, checked))}
          className="mr-2 align-middle"
        />
      ) : null}
      <Link href={sortLinks[column].href} className={cn("inline-flex items-center gap-1 hover:underline", FOCUS_RING)} aria-label={t("sortBy", { column: t(`columns.${column}`) })}>
        {t(`columns.${column}`)}
        <span aria-hidden="true">{{ ascending: "▲", descending: "▼", none: "↕" }[sortLinks[column].direction]}</span>
      </Link>
    </TableHead>
  );

  return (
    // Focusable from script only (after a deletion), with the table's caption as its name.
    <div ref={listRef} tabIndex={-1} role="region" aria-label={caption} className="outline-none">
      {rows.length > 0 ? (
        <ChannelExportToolbar selectedIds={selected} scope={exporting.scope} startExport={exporting.startExport} onClearSelection={() => select(new Set())} />
      ) : null}
      {rows.length > 0 && checkConnections && selected.length > 0 ? (
        <div className="px-3 pb-3">
          <BulkConnectionCheck
            selectedIds={selected}
            action={checkConnections}
            onResults={(items) =>
              setChecked((marks) => ({ ...marks, ...Object.fromEntries(items.flatMap((item) => (item.ok ? [[item.channelId, { outcome: item.outcome, checkedAt: item.checkedAt }]] : []))) }))
            }
          />
        </div>
      ) : null}
      {rows.length === 0 ? (
        <EmptyList kind={empty} clearHref={clearHref} firstPageHref={firstPageHref} canCreate={Boolean(actions)} />
      ) : (
        <Table>
          <caption className="sr-only">{caption}</caption>
          <TableHeader>
            <TableRow>
              {sortable("name")}
              <TableHead>{t("columns.variant")}</TableHead>
              <TableHead>{t("columns.phoneNumber")}</TableHead>
              <TableHead>{t("columns.status")}</TableHead>
              <TableHead>{th("health.column")}</TableHead>
              {sortable("created")}
              {sortable("updated")}
              {actions ? <TableHead className="text-right">{t("columns.actions")}</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-testid="channel-row" data-selected={selectedSet.has(row.id) || undefined} className={cn(selectedSet.has(row.id) && "bg-blue-50 hover:bg-blue-50")}>
                <TableCell className="min-w-40 max-w-80 [overflow-wrap:anywhere]">
                  <SelectionCheckbox
                    label={t("export.selectChannel", { name: row.name })}
                    checked={selectedSet.has(row.id)}
                    onChange={(checked) => select(toggleChannel(selectedSet, row.id, checked))}
                    className="mr-2 align-middle"
                  />
                  <Link href={`/channels/${row.id}`} className={cn("font-medium text-blue-700 hover:underline", FOCUS_RING)}>
                    {row.name}
                  </Link>
                </TableCell>
                {/* Type, provider and (for `other`) verification method in one short label, e.g. "WhatsApp · other (oAuth)". */}
                <TableCell>{tc(`variants.${row.variant}`)}</TableCell>
                <TableCell className="whitespace-nowrap tabular-nums">{row.phoneNumber ?? "—"}</TableCell>
                <TableCell>
                  <Badge variant={row.status === "enabled" ? "success" : "danger"} data-testid="channel-status">
                    {tc(`statuses.${row.status}`)}
                  </Badge>
                </TableCell>
                <TableCell>
                  <HealthMark mark={healthOf(row.id)} />
                </TableCell>
                <TableCell>
                  <time dateTime={row.created.iso}>{row.created.text}</time>
                </TableCell>
                <TableCell>
                  <time dateTime={row.updated.iso}>{row.updated.text}</time>
                </TableCell>
                {actions ? (
                  <TableCell className="text-right">
                    <ChannelRowActions channel={row} actions={actions} focusAfterDelete={() => listRef.current} />
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

function EmptyList({ kind, clearHref, firstPageHref, canCreate }: { kind: EmptyKind; clearHref: string; firstPageHref: string; canCreate: boolean }) {
  const t = useTranslations("channelList.empty");
  const states: Record<EmptyKind, [string, string, { href: string; label: string } | null]> = {
    none: [t("title"), canCreate ? t("adminDescription") : t("supportDescription"), canCreate ? { href: "/channels/new", label: t("create") } : null],
    noMatch: [t("noMatchTitle"), t("noMatchDescription"), { href: clearHref, label: t("clear") }],
    page: [t("pageTitle"), t("pageDescription"), { href: firstPageHref, label: t("firstPage") }],
  };
  const [title, description, link] = states[kind];
  return (
    <div className="p-10 text-center">
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{description}</p>
      {link ? (
        <Link href={link.href} className={buttonVariants({ className: "mt-4" })}>
          {link.label}
        </Link>
      ) : null}
    </div>
  );
}
