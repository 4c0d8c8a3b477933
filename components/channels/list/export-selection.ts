import type { ExportFormat } from "@/lib/exports/record";
import type { ChannelListParams } from "@/lib/validations/channel-list";
import type { CreateExportInput } from "@/lib/validations/exports";

/*
 * The channel list's side of "Export": which channels of the page are ticked, and the request that
 * asks for them. The ticks belong to one page view; with none ticked, the export takes every
 * channel the list's search and filters match (sort and cursors do not narrow anything).
 */

export type ExportFilters = Pick<ChannelListParams, "q" | "type" | "provider" | "status">;

/** The search and filters of the list, without the values at their default. */
export function exportFiltersOf(params: ChannelListParams): ExportFilters {
  return {
    q: params.q,
    ...(params.type ? { type: params.type } : {}),
    ...(params.provider ? { provider: params.provider } : {}),
    ...(params.status ? { status: params.status } : {}),
  };
}

/** What startExportAction receives: the ticked channels, or else the filters. */
export function exportRequest(format: ExportFormat, selectedIds: readonly string[], filters: ExportFilters): CreateExportInput {
  return selectedIds.length > 0 ? { format, channelIds: [...selectedIds] } : { format, filters: { ...filters } };
}

/** The ticked channels still on the page, in the page's order (a deleted row drops out). */
export function selectedOnPage(selected: ReadonlySet<string>, rowIds: readonly string[]): string[] {
  return rowIds.filter((id) => selected.has(id));
}

export type PageSelectionState = "none" | "some" | "all";

/** The "select all on this page" box: unticked, mixed or ticked. */
export function pageSelectionState(selectedCount: number, rowCount: number): PageSelectionState {
  if (selectedCount === 0 || rowCount === 0) return "none";
  return selectedCount >= rowCount ? "all" : "some";
}

/** Ticks or unticks one channel. */
export function toggleChannel(selected: ReadonlySet<string>, id: string, checked: boolean): Set<string> {
  const next = new Set(selected);
  if (checked) next.add(id);
  else next.delete(id);
  return next;
}

/** Ticks every channel of the page, or none. */
export function toggleAllOnPage(rowIds: readonly string[], checked: boolean): Set<string> {
  return new Set(checked ? rowIds : []);
}
