import type { WebhookEndpoint } from "@/db/schema/webhooks";
import { describePayloadError, parseJsonPayload, type NormalizedPayload, type PayloadProblem } from "../payloads/common";
import { infobipPayloadSchema, normalizeInfobipPayload } from "../payloads/infobip";
import { metaPayloadSchema, normalizeMetaPayload } from "../payloads/meta";
import { normalizeTelegramUpdate, telegramUpdateSchema } from "../payloads/telegram";
import { normalizeTwilioInbound, normalizeTwilioStatus, twilioInboundSchema, twilioParams, twilioStatusSchema } from "../payloads/twilio";
import { parseFormParams } from "../verify/twilio-signature";
import type { WebhookSegment } from "./webhook-channel";

/*
 * An authenticated body to neutral events, per provider path. Infobip's /message and /report take
 * any of its result shapes (inbound, delivery, seen): an account may send every kind to one URL,
 * and each result says what it is.
 */

export type ParsedDelivery = { ok: true; payload: NormalizedPayload } | { ok: false; problem: PayloadProblem };

export function parseDelivery(segment: WebhookSegment, endpoint: WebhookEndpoint, body: string, receivedAt: Date): ParsedDelivery {
  switch (segment) {
    case "infobip":
    case "bsp": {
      const parsed = parseJsonPayload(body, infobipPayloadSchema);
      return parsed.success ? { ok: true, payload: normalizeInfobipPayload(parsed.data, { receivedAt }) } : failed(parsed.error);
    }
    case "whatsapp-cloud": {
      const parsed = parseJsonPayload(body, metaPayloadSchema);
      return parsed.success ? { ok: true, payload: normalizeMetaPayload(parsed.data) } : failed(parsed.error);
    }
    case "twilio": {
      const params = twilioParams(parseFormParams(body));
      if (endpoint === "status") {
        const parsed = twilioStatusSchema.safeParse(params);
        return parsed.success ? { ok: true, payload: normalizeTwilioStatus(parsed.data, { receivedAt }) } : failed(parsed.error);
      }
      const parsed = twilioInboundSchema.safeParse(params);
      return parsed.success ? { ok: true, payload: normalizeTwilioInbound(parsed.data, { receivedAt }) } : failed(parsed.error);
    }
    case "telegram": {
      const parsed = parseJsonPayload(body, telegramUpdateSchema);
      return parsed.success ? { ok: true, payload: normalizeTelegramUpdate(parsed.data, { receivedAt }) } : failed(parsed.error);
    }
  }
}

function failed(error: Parameters<typeof describePayloadError>[0]): ParsedDelivery {
  return { ok: false, problem: describePayloadError(error) };
}
