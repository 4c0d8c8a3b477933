import type { DbOrTx } from "@/db/client";
import { insertOutboundMessage, type OutboundMessage, type OutboundMessageKind } from "@/db/queries/outbound-messages";

/*
 * The one way into the send queue, for test messages and issue 16's automatic replies alike: the
 * message row and its job in the caller's transaction. With a dedupe key it is idempotent: the
 * same key on the same channel answers the first message and queues nothing more.
 */

export interface EnqueueOutboundMessage {
  kind: OutboundMessageKind;
  tenantId: string;
  channelId: string;
  recipient: string;
  text: string;
  templateName?: string | null;
  dedupeKey?: string | null;
  createdByUserId?: string | null;
}

export async function enqueueOutboundMessage(tx: DbOrTx, message: EnqueueOutboundMessage): Promise<{ message: OutboundMessage; created: boolean }> {
  const { tenantId, ...values } = message;
  return insertOutboundMessage(tx, { tenantId }, values);
}
