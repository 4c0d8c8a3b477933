// POST /api/webhooks/infobip/{channelKey}/message|report - Infobip inbound messages and delivery / seen reports
import { webhookRouteHandlers } from "@/lib/webhooks/ingest/route-handlers";

export const dynamic = "force-dynamic";
export const { POST, GET, PUT, PATCH, DELETE } = webhookRouteHandlers("infobip");
