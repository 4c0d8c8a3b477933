// GET /api/channels/{channelId}/configuration - a channel's configuration as a JSON download, never its secrets
import { channelRouteHandlers } from "@/lib/channels/routes";
import { route } from "@/lib/guard";

export const dynamic = "force-dynamic";

export const GET = channelRouteHandlers(route).configuration;
