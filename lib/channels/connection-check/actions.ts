import { z } from "zod";
import type { createActionClient } from "@/lib/guard/actions";
import { uuidParam } from "@/lib/validations/ids";
import { checkConnection, checkConnections } from "./checks";
import { BULK_CHECK_MAX_IDS } from "./limits";

export const checkConnectionSchema = z.object({ channelId: uuidParam() });
export const checkConnectionsSchema = z.object({ channelIds: z.array(uuidParam()).min(1).max(BULK_CHECK_MAX_IDS) });

/**
 * Checking calls the provider with the channel's secrets: tenant administrators only. Support staff
 * see the stored results on the pages (lib/channels/connection-check/view.ts), never start a check.
 */
export function connectionCheckActions(client: ReturnType<typeof createActionClient>) {
  return {
    checkConnection: client.tenant(checkConnectionSchema, ["tenant_admin"], checkConnection),
    checkConnections: client.tenant(checkConnectionsSchema, ["tenant_admin"], checkConnections),
  };
}
