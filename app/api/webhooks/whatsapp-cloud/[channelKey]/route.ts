// GET /api/webhooks/whatsapp-cloud/{channelKey} - Meta's verification handshake; POST - signed Cloud API events
import { webhookRouteHandlers } from "@/lib/webhooks/ingest/route-handlers";

export const dynamic = "force-dynamic";
export const { POST, GET, PUT, PATCH, DELETE } = webhookRouteHandlers("whatsapp-cloud");
