// POST /api/webhooks/telegram/{channelKey} - Telegram Bot API updates (setWebhook with secret_token)
import { webhookRouteHandlers } from "@/lib/webhooks/ingest/route-handlers";

export const dynamic = "force-dynamic";
export const { POST, GET, PUT, PATCH, DELETE } = webhookRouteHandlers("telegram");
