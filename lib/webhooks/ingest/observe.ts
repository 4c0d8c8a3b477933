import { moduleLog } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";
import type { WebhookSegment } from "./webhook-channel";

/*
 * What every webhook call costs the hot path: one counter and one histogram sample, no log line
 * (accepted deliveries are in the channel's activity; a line each would cost more than the
 * delivery's own CPU at a burst). Refused calls are logged where the channel is known
 * (call-writer.ts, rate-limited per channel, URL and reason); a fault of ours here, with its stack.
 */

export type WebhookOutcome =
  | "accepted"
  | "unauthorized"
  | "unknown_channel"
  | "invalid"
  | "too_large"
  | "method_not_allowed"
  | "unsupported_media_type"
  | "unavailable"
  | "error"
  | "aborted"
  | "other";

export function webhookOutcome(status: number): WebhookOutcome {
  if (status >= 200 && status < 300) return "accepted";
  switch (status) {
    case 401:
    case 403:
      return "unauthorized";
    case 404:
      return "unknown_channel";
    case 400:
    case 422:
      return "invalid";
    case 405:
      return "method_not_allowed";
    case 413:
      return "too_large";
    case 415:
      return "unsupported_media_type";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "error" : "other";
  }
}

export function observeWebhookCall(segment: WebhookSegment, outcome: WebhookOutcome, started: number): void {
  const m = metrics();
  m.webhookCalls.inc({ provider: segment, outcome });
  m.webhookDuration.observe({ provider: segment, outcome }, (performance.now() - started) / 1000);
}

export function logWebhookFault(segment: WebhookSegment, error: unknown): void {
  moduleLog("webhooks").error({ err: error, route: `/api/webhooks/${segment}`, provider: segment, status: 500 }, "webhook call failed");
}
