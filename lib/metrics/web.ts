import "server-only";
import { getPool } from "@/db";
import { watchPool } from "./pools";
import { publishMetricsCollector } from "./publish";

/** A web process's part: its registry for the bridge, and its database pool as "web". */
export function publishWebMetrics(): void {
  publishMetricsCollector();
  if (process.env.DATABASE_URL) watchPool("web", getPool());
}
