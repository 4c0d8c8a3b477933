// GET /api/channels/{channelId}/webhook-status - each webhook URL's last accepted call, verification and rejection (polled by the Channel Integration step)
import { z } from "zod";
import { getEndpointStatuses } from "@/db/queries/channel-activity";
import { toSnapshot } from "@/lib/channels/webhook-live-status";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/guard";

export const dynamic = "force-dynamic";

const schema = z.object({ channelId: z.uuid({ error: "channels.errors.notFound" }) });

/** /api/channels/<id>/webhook-status → <id>; the guard parses it like any other input. */
const channelIdOf = (request: Request) => ({ channelId: new URL(request.url).pathname.split("/").at(-2) });

export const GET = route.tenant({ roles: ["tenant_admin", "support"], input: channelIdOf, schema }, async ({ channelId }, ctx) => {
  const statuses = await getEndpointStatuses(ctx.db, { tenantId: ctx.tenantId }, channelId);
  if (!statuses) throw notFound("channels.errors.notFound");
  return Response.json({ endpoints: statuses.map(toSnapshot) }, { headers: { "Cache-Control": "no-store" } });
});
