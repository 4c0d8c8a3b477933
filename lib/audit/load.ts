import "server-only";
import { listTenantAudit, listTenantAuditFacets, type AuditFacets, type AuditRow } from "@/db/queries/audit-log";
import { resolveAuditNames, type AuditNames } from "@/db/queries/audit-names";
import { getServiceTimeSettings } from "@/db/queries/service-time";
import type { DbOrTx } from "@/db/client";
import type { Page } from "@/lib/pagination";
import { changeLines, referencedIds, type ChangeLine } from "./changes";
import { auditPeriod, parseAuditQuery, type ParsedAuditQuery } from "./filters";

/*
 * Everything the audit page shows, for one tenant: the filtered page of entries as change lines,
 * the names of the ids they mention (resolved now, within the tenant) and the filter choices.
 */

export type AuditEntryView = AuditRow & { lines: ChangeLine[] };

export interface AuditPageData {
  parsed: ParsedAuditQuery;
  timeZone: string;
  facets: AuditFacets;
  /** Null while the URL's filters are not valid: nothing is shown filtered by a guess. */
  page: Page<AuditEntryView> | null;
  names: AuditNames;
}

export async function loadAuditPage(db: DbOrTx, tenantId: string, searchParams: Record<string, string | string[] | undefined>): Promise<AuditPageData> {
  const scope = { tenantId };
  const parsed = parseAuditQuery(searchParams);
  const [{ timeZone }, facets] = await Promise.all([getServiceTimeSettings(db, scope), listTenantAuditFacets(db, scope)]);
  const invalid = Object.keys(parsed.errors).length > 0;
  const { actorId, action, targetType } = parsed.filters;
  const rows = invalid ? null : await listTenantAudit(db, scope, parsed.page, { actorUserId: actorId, action, targetType, ...auditPeriod(parsed.filters, timeZone) });
  const page = rows ? { ...rows, items: rows.items.map((row) => ({ ...row, lines: changeLines(row.before, row.after) })) } : null;
  const names = await resolveAuditNames(db, scope, referencedIds(page?.items ?? []));
  return { parsed, timeZone, facets, page, names };
}
