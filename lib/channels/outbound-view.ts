import type { OutboundMessageListItem } from "@/db/queries/outbound-messages";

/*
 * When the channel page may stop refreshing for an outbound message: it failed, or the provider's
 * reports reached a final state. Telegram reports nothing after acceptance, so acceptance is final there.
 */

const FINAL_DELIVERY = new Set(["read", "played", "failed", "undelivered"]);

export function isOutboundSettled(message: Pick<OutboundMessageListItem, "status" | "deliveryStatus">, reportsDelivery = true): boolean {
  if (message.status === "failed") return true;
  if (message.status !== "accepted") return false;
  return !reportsDelivery || (message.deliveryStatus !== null && FINAL_DELIVERY.has(message.deliveryStatus));
}
