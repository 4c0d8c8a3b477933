// GET /api/channels/{channelId}/webhook-status - each webhook URL's last accepted call, verification and rejection (polled by the Channel Integration step)
import { channelRouteHandlers } from "@/lib/channels/routes";
import { route } from "@/lib/guard";

export const dynamic = "force-dynamic";

export const GET = channelRouteHandlers(route).webhookStatus;
