import { z } from "zod";
import { startOfDayIn } from "@/lib/channels/activity-period";
import { pageParamSchema } from "@/lib/pagination";

/*
 * The audit log's filters as they travel in the URL: who (an actor's user id), what (an action or
 * a target type) and when (from–to dates, inclusive, in the tenant's time zone). A bad value is
 * reported by field and the list is not shown filtered by a guess.
 */

/** Message-catalog keys under audit.filters.errors. */
export const AUDIT_FILTER_ERRORS = ["actorInvalid", "actionInvalid", "targetTypeInvalid", "dateInvalid", "fromAfterTo"] as const;
export type AuditFilterError = (typeof AUDIT_FILTER_ERRORS)[number];

export interface AuditFilters {
  actorId?: string;
  action?: string;
  targetType?: string;
  from?: string;
  to?: string;
}

const single = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() === "" ? undefined : first;
};
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(single, schema.optional());
const date = z.iso.date({ error: "dateInvalid" }).refine((value) => value >= "1970-01-01" && value <= "9999-12-30", { error: "dateInvalid" });

export const auditFiltersSchema = z
  .object({
    actor: optional(z.uuid({ error: "actorInvalid" })),
    action: optional(z.string({ error: "actionInvalid" }).regex(/^[a-zA-Z]{1,40}\.[a-zA-Z]{1,40}$/, { error: "actionInvalid" })),
    target: optional(z.string({ error: "targetTypeInvalid" }).regex(/^[a-zA-Z]{1,40}$/, { error: "targetTypeInvalid" })),
    from: optional(date),
    to: optional(date),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { error: "fromAfterTo", path: ["from"] })
  .transform(
    (query): AuditFilters =>
      Object.fromEntries(
        Object.entries({ actorId: query.actor, action: query.action, targetType: query.target, from: query.from, to: query.to }).filter(([, value]) => value !== undefined),
      ),
  );

export interface ParsedAuditQuery {
  filters: AuditFilters;
  page: number;
  /** Field → error key; the list is not shown while there is one. */
  errors: Partial<Record<"actor" | "action" | "target" | "from" | "to", AuditFilterError>>;
  /** What was typed, to show again in the form (cut short: it is echoed into the page). */
  input: Record<"actor" | "action" | "target" | "from" | "to", string>;
}

/** Parses Next's `searchParams`; never throws. */
export function parseAuditQuery(searchParams: Record<string, string | string[] | undefined>): ParsedAuditQuery {
  const echo = (value: unknown) => String(single(value) ?? "").slice(0, 64);
  const input = { actor: echo(searchParams.actor), action: echo(searchParams.action), target: echo(searchParams.target), from: echo(searchParams.from), to: echo(searchParams.to) };
  const page = pageParamSchema.parse(single(searchParams.page));
  const result = auditFiltersSchema.safeParse(searchParams);
  if (result.success) return { filters: result.data, page, errors: {}, input };
  const errors: ParsedAuditQuery["errors"] = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof ParsedAuditQuery["errors"];
    const key = (AUDIT_FILTER_ERRORS as readonly string[]).includes(issue.message) ? (issue.message as AuditFilterError) : "dateInvalid";
    errors[field] ??= key;
  }
  return { filters: {}, page: 1, errors, input };
}

/** The filters' dates as instants, half-open [from, to), in the tenant's time zone. */
export function auditPeriod(filters: AuditFilters, timeZone: string): { from?: Date; to?: Date } {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    ...(filters.from ? { from: startOfDayIn(filters.from, timeZone) } : {}),
    ...(filters.to ? { to: startOfDayIn(nextDay(filters.to), timeZone) } : {}),
  };
}

/** The query string that keeps the active filters (for paging links). */
export function auditFilterQuery(filters: AuditFilters): Record<string, string | undefined> {
  return { actor: filters.actorId, action: filters.action, target: filters.targetType, from: filters.from, to: filters.to };
}
