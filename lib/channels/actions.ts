import { z } from "zod";
import type { createActionClient } from "@/lib/guard/actions";
import { saveChannelEnvelopeSchema } from "@/lib/validations/channels/channel";
import { channelIdInput } from "@/lib/validations/ids";
import { discardDraft, draftSchema, draftTargetSchema, saveDraft } from "./drafts";
import { deleteChannel, setChannelEnabled } from "./lifecycle";
import { saveChannel } from "./save";

const channelStatusSchema = channelIdInput.extend({ enabled: z.boolean() });

/**
 * Channel actions: changing a channel is for tenant administrators; support staff read channels
 * on the pages. The app binds these to the signed-in session; tests bind the same definitions.
 */
export function channelActions(client: ReturnType<typeof createActionClient>) {
  return {
    saveChannel: client.tenant(saveChannelEnvelopeSchema, ["tenant_admin"], saveChannel),
    saveChannelDraft: client.tenant(draftSchema, ["tenant_admin"], saveDraft),
    discardChannelDraft: client.tenant(draftTargetSchema, ["tenant_admin"], discardDraft),
    setChannelEnabled: client.tenant(channelStatusSchema, ["tenant_admin"], setChannelEnabled),
    deleteChannel: client.tenant(channelIdInput, ["tenant_admin"], deleteChannel),
  };
}
