import { getEndpointStatuses } from "@/db/queries/channel-activity";
import { getChannel } from "@/db/queries/channels";
import { notFound } from "@/lib/errors";
import type { createRouteClient } from "@/lib/guard/routes";
import { channelIdParams } from "@/lib/validations/ids";
import { configurationDocument, configurationFileName } from "./configuration-document";
import { publicBaseUrl } from "./integration";
import { toSnapshot } from "./webhook-live-status";

/*
 * A channel's route handlers (app/api/channels/{channelId}/…): tenant administrators and support
 * staff read them, within their own tenant; an id that is not a uuid, or another tenant's, answers 404.
 */

const READERS = ["tenant_admin", "support"] as const;
const NO_STORE = { "Cache-Control": "no-store" };

export function channelRouteHandlers(route: ReturnType<typeof createRouteClient>) {
  return {
    // GET /api/channels/{channelId}/configuration - the configuration as a JSON download, never its secrets
    configuration: route.tenant({ roles: READERS, params: channelIdParams }, async (_input, ctx) => {
      const channel = await getChannel(ctx.db, { tenantId: ctx.tenantId }, ctx.params.channelId);
      if (!channel) throw notFound("channels.errors.notFound");
      return new Response(JSON.stringify(configurationDocument(channel, publicBaseUrl()), null, 2), {
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Disposition": `attachment; filename="${configurationFileName(channel)}"`,
          ...NO_STORE,
        },
      });
    }),

    // GET /api/channels/{channelId}/webhook-status - each webhook URL's last accepted call, verification and rejection
    webhookStatus: route.tenant({ roles: READERS, params: channelIdParams }, async (_input, ctx) => {
      const statuses = await getEndpointStatuses(ctx.db, { tenantId: ctx.tenantId }, ctx.params.channelId);
      if (!statuses) throw notFound("channels.errors.notFound");
      return Response.json({ endpoints: statuses.map(toSnapshot) }, { headers: NO_STORE });
    }),
  };
}
