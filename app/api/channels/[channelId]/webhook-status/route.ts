// GET /api/channels/{channelId}/webhook-status - each webhook URL's last accepted call, verification and rejection (polled by the Channel Integration step)
import { getEndpointStatuses } from "@/db/queries/channel-activity";
import { toSnapshot } from "@/lib/channels/webhook-live-status";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/guard";
import { channelIdParams } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export const GET = route.tenant({ roles: ["tenant_admin", "support"], params: channelIdParams }, async (_input, ctx) => {
  const { channelId } = ctx.params;
  const statuses = await getEndpointStatuses(ctx.db, { tenantId: ctx.tenantId }, channelId);
  if (!statuses) throw notFound("channels.errors.notFound");
  return Response.json({ endpoints: statuses.map(toSnapshot) }, { headers: { "Cache-Control": "no-store" } });
});
