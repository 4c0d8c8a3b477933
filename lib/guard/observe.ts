import type { Logger } from "pino";
import { elapsedMs, REQUEST_ID_HEADER, requestIdOf, requestLog } from "@/lib/log/request";
import { routePattern } from "@/lib/log/route-pattern";
import { metrics } from "@/lib/metrics/registry";

/*
 * Every route handler's answer, as one log line and one histogram sample: request id, route,
 * method, status, duration, and the tenant once the guard knows it. The id goes back in the
 * X-Request-Id header, so a person quoting a failed answer points at its log line.
 */

export interface RouteCall {
  log: Logger;
  reqId: string;
  /** The guard names the caller once it has authenticated them. */
  identify(fields: { tenantId?: string | null; userId?: string }): void;
}

export async function observeRoute(request: Request, answer: (call: RouteCall) => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const reqId = requestIdOf(request.headers);
  const route = routePattern(new URL(request.url).pathname);
  let log = requestLog({ reqId, method: request.method, route });
  const call: RouteCall = {
    reqId,
    get log() {
      return log;
    },
    identify(fields) {
      log = log.child(Object.fromEntries(Object.entries(fields).filter(([, value]) => value)));
    },
  };
  const response = await answer(call);
  const durationMs = elapsedMs(started);
  const level = response.status >= 500 ? "error" : "info";
  // A 500 has already been logged with its stack by the guard; this line is the request's summary.
  log[level]({ status: response.status, durationMs }, "request");
  metrics().httpRequests.observe({ route, method: request.method, status: String(response.status) }, durationMs / 1000);
  if (!response.headers.has(REQUEST_ID_HEADER)) {
    try {
      response.headers.set(REQUEST_ID_HEADER, reqId);
    } catch {
      // Response.redirect() and friends have immutable headers; the log line still has the id.
    }
  }
  return response;
}
