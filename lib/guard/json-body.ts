import { AppError } from "@/lib/errors";
import { readCappedBody } from "@/lib/webhooks/ingest/body";

/**
 * A route's JSON body, read once and capped, for the guard's zod schema to parse. Malformed JSON
 * is a 400 that says so, an oversized body a 413: neither reaches the handler.
 */
export function jsonBody(capBytes: number) {
  return async (request: Request): Promise<unknown> => {
    const body = await readCappedBody(request, capBytes);
    if (!body.ok) throw new AppError("tooLarge", "errors.bodyTooLarge");
    if (body.bytes.byteLength === 0) return {};
    try {
      return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes));
    } catch {
      throw new AppError("validation", "errors.invalidJson");
    }
  };
}
