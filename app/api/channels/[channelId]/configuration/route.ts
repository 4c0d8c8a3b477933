// GET /api/channels/{channelId}/configuration - a channel's configuration as a JSON download, never its secrets
import { getChannel } from "@/db/queries/channels";
import { configurationDocument, configurationFileName } from "@/lib/channels/configuration-document";
import { publicBaseUrl } from "@/lib/channels/integration";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/guard";
import { channelIdParams } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export const GET = route.tenant({ roles: ["tenant_admin", "support"], params: channelIdParams }, async (_input, ctx) => {
  const { channelId } = ctx.params;
  const channel = await getChannel(ctx.db, { tenantId: ctx.tenantId }, channelId);
  if (!channel) throw notFound("channels.errors.notFound");
  return new Response(JSON.stringify(configurationDocument(channel, publicBaseUrl()), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${configurationFileName(channel)}"`,
      "Cache-Control": "no-store",
    },
  });
});
