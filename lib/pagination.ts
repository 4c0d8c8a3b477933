import { z } from "zod";

export const PAGE_SIZE = 25;

/** `?page=` from a URL: anything that is not a positive integer means the first page. */
export const pageParamSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

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
