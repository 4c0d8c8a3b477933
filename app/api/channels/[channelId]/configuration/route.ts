// GET /api/channels/{channelId}/configuration - a channel's configuration as a JSON download, never its secrets
import { z } from "zod";
import { getChannel } from "@/db/queries/channels";
import { configurationDocument, configurationFileName } from "@/lib/channels/configuration-document";
import { publicBaseUrl } from "@/lib/channels/integration";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/guard";

export const dynamic = "force-dynamic";

const schema = z.object({ channelId: z.uuid({ error: "channels.errors.notFound" }) });

/** /api/channels/<id>/configuration → <id>; the guard parses it like any other input. */
const channelIdOf = (request: Request) => ({ channelId: new URL(request.url).pathname.split("/").at(-2) });

export const GET = route.tenant({ roles: ["tenant_admin", "support"], input: channelIdOf, schema }, async ({ channelId }, ctx) => {
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
