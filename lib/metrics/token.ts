import { createHash, timingSafeEqual } from "node:crypto";

/*
 * GET /api/metrics is for Prometheus, with a bearer token from METRICS_TOKEN. Without one set the
 * route does not exist (404): metrics are off until an operator turns them on. Both sides are
 * hashed first, so the comparison takes the same time whatever the length or content of a guess.
 */

export type MetricsAccess = "disabled" | "denied" | "granted";

const digest = (text: string) => createHash("sha256").update(text).digest();

export function metricsAccess(authorization: string | null, configuredToken: string | undefined): MetricsAccess {
  const token = configuredToken?.trim();
  if (!token) return "disabled";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const given = match?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0 ? "granted" : "denied";
}
