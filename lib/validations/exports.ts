import { z } from "zod";
import { CHANNEL_PROVIDERS, CHANNEL_STATUSES, CHANNEL_TYPES } from "@/db/schema/channels";
import { EXPORT_FORMATS, EXPORT_MAX_ROWS } from "@/lib/exports/record";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";
import { SEARCH_MAX_LENGTH } from "./channel-list";

/*
 * "Export" on the channel list: the ticked channels, or, when none is ticked, every channel the
 * list's current search and filters match. One schema for the dialog, the server action and
 * POST /api/exports.
 */

const v = (key: string) => `exports.validation.${key}`;

export const exportFiltersSchema = z.object({
  q: z.string().trim().max(SEARCH_MAX_LENGTH, v("searchTooLong")).default(""),
  type: z.enum(CHANNEL_TYPES, { error: v("filterInvalid") }).optional(),
  provider: z.enum(CHANNEL_PROVIDERS, { error: v("filterInvalid") }).optional(),
  status: z.enum(CHANNEL_STATUSES, { error: v("filterInvalid") }).optional(),
});

export const createExportSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS, { error: v("formatInvalid") }).default("xlsx"),
    channelIds: z
      .array(z.uuid({ error: v("channelIdInvalid") }))
      .max(EXPORT_MAX_ROWS, v("tooManySelected"))
      .default([]),
    filters: exportFiltersSchema.default({ q: "" }),
    /** The language of the file's headers and values; the console passes the reader's. */
    locale: z.enum(LOCALES).catch(DEFAULT_LOCALE).default(DEFAULT_LOCALE),
  })
  .transform(({ format, channelIds, filters, locale }) => ({
    format,
    locale,
    selection:
      channelIds.length > 0
        ? { kind: "selected" as const, channelIds: [...new Set(channelIds.map((id) => id.toLowerCase()))] }
        : { kind: "filtered" as const, filters },
  }));

export type CreateExportInput = z.input<typeof createExportSchema>;
export type CreateExport = z.output<typeof createExportSchema>;
