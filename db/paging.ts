/*
 * Offset paging for list queries: the page size, the offset of a page and the page a query
 * answers. It lives in db/ because the queries build their pages; lib/pagination.ts re-exports it
 * beside the `?page=` parser.
 */

import { count, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgSelect, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

export const PAGE_SIZE = 25;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export function pageOffset(page: number, pageSize = PAGE_SIZE): number {
  return (page - 1) * pageSize;
}

export function toPage<T>(items: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** A page from a rows query and its count query, run together. */
export async function paged<T>(rows: Promise<T[]>, total: Promise<{ value: number }[]>, page: number): Promise<Page<T>> {
  const [items, [counted]] = await Promise.all([rows, total]);
  return toPage(items, counted?.value ?? 0, page);
}

/**
 * One page of an offset-paged list and its total: `rows` (a dynamic select with its FROM, joins and
 * WHERE) in `order`, counted as the rows of `table` under the same `where`.
 */
export function listPage<Q extends PgSelect>(
  db: DbOrTx,
  rows: Q,
  { table, where, order }: { table: PgTable; where: SQL | undefined; order: (SQL | AnyPgColumn)[] },
  page: number,
): Promise<Page<Q["_"]["result"][number]>> {
  return paged(
    rows.orderBy(...order).limit(PAGE_SIZE).offset(pageOffset(page)).execute(),
    db.select({ value: count() }).from(table).where(where),
    page,
  );
}
