// POST /api/webhooks/bsp/{channelKey}/message|report - a customer-built BSP (provider "other"), Infobip's payload shape
import { webhookRouteHandlers } from "@/lib/webhooks/ingest/route-handlers";

export const dynamic = "force-dynamic";
export const { POST, GET, PUT, PATCH, DELETE } = webhookRouteHandlers("bsp");
