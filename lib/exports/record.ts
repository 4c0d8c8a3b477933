export type { ExportChannelRecord } from "@/db/queries/export-record";

/** At most this many records in one file; more become several files in one zip. */
export const EXPORT_ROWS_PER_FILE = 2_000;
/** At most this many records in one export task. */
export const EXPORT_MAX_ROWS = 100_000;

export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
