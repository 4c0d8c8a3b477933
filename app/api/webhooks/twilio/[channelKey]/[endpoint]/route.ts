// POST /api/webhooks/twilio/{channelKey}/message|status - Twilio incoming messages and status callbacks (form-encoded)
import { webhookRouteHandlers } from "@/lib/webhooks/ingest/route-handlers";

export const dynamic = "force-dynamic";
export const { POST, GET, PUT, PATCH, DELETE } = webhookRouteHandlers("twilio");
