import { z } from "zod";

export { PAGE_SIZE, pageOffset, toPage, type Page } from "@/db/paging";

/** `?page=` from a URL: anything that is not a positive integer means the first page. */
export const pageParamSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);
