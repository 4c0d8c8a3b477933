import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { getLog } from "./logger";

/*
 * A request's id and its child logger. A load balancer's X-Request-Id is kept when it looks like
 * an id (so its access log and ours can be joined); anything else gets a fresh UUID, never the
 * caller's text in our lines.
 */

export const REQUEST_ID_HEADER = "x-request-id";
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdOf(headers: { get(name: string): string | null }): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && ACCEPTED_ID.test(given) ? given : randomUUID();
}

export interface RequestFields {
  reqId: string;
  method: string;
  route: string;
}

export function requestLog(fields: RequestFields, parent: Logger = getLog()): Logger {
  return parent.child(fields);
}

/** Milliseconds since `started` (performance.now()), to a tenth. */
export function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
