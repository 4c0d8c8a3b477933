import "server-only";
import type { DbOrTx } from "@/db/client";
import { getConnectionCheck, listConnectionHealth } from "@/db/queries/connection-checks";
import type { ConnectionCheckAnswer } from "./checks";

/*
 * What the pages show of checks: the latest result of a channel (channel page, integration step)
 * and the health mark of each channel on a list page. Readable by every tenant role.
 */

export async function loadConnectionCheck(db: DbOrTx, tenantId: string, channelId: string): Promise<ConnectionCheckAnswer | null> {
  const row = await getConnectionCheck(db, { tenantId }, channelId);
  return row ? { channelId: row.channelId, outcome: row.outcome, steps: row.steps, checkedAt: row.checkedAt.toISOString() } : null;
}

export interface HealthMark {
  outcome: ConnectionCheckAnswer["outcome"];
  /** ISO 8601. */
  checkedAt: string;
}

/** A page's channels that were ever checked, by id; the rest are "never checked". */
export async function loadConnectionHealth(db: DbOrTx, tenantId: string, channelIds: readonly string[]): Promise<Record<string, HealthMark>> {
  const health = await listConnectionHealth(db, { tenantId }, channelIds);
  return Object.fromEntries([...health].map(([id, mark]) => [id, { outcome: mark.outcome, checkedAt: mark.checkedAt.toISOString() }]));
}
