import { z } from "zod";
import type { createActionClient } from "@/lib/guard/actions";
import { generateScenarioKeySchema, registerTelegramWebhookSchema } from "@/lib/validations/channel-integration";
import { saveChannelEnvelopeSchema } from "@/lib/validations/channels/channel";
import { channelStepCheckSchema } from "@/lib/validations/channels/step-check";
import { channelIdInput } from "@/lib/validations/ids";
import { discardDraft, draftSchema, draftTargetSchema, saveDraft } from "./drafts";
import { deleteChannel, setChannelEnabled } from "./lifecycle";
import { saveChannel } from "./channels";
import { generateScenarioKey, registerTelegramWebhook } from "./integration-setup";
import { checkChannelStep } from "./step-checks";

const channelStatusSchema = channelIdInput.extend({ enabled: z.boolean() });

/**
 * Channel actions: changing a channel is for tenant administrators; support staff read channels
 * on the pages. The app binds these to the signed-in session; tests bind the same definitions.
 */
export function channelActions(client: ReturnType<typeof createActionClient>) {
  return {
    saveChannel: client.tenant(saveChannelEnvelopeSchema, ["tenant_admin"], saveChannel),
    checkChannelStep: client.tenant(channelStepCheckSchema, ["tenant_admin"], checkChannelStep),
    saveChannelDraft: client.tenant(draftSchema, ["tenant_admin"], saveDraft),
    discardChannelDraft: client.tenant(draftTargetSchema, ["tenant_admin"], discardDraft),
    setChannelEnabled: client.tenant(channelStatusSchema, ["tenant_admin"], setChannelEnabled),
    deleteChannel: client.tenant(channelIdInput, ["tenant_admin"], deleteChannel),
  };
}

/**
 * Channel Integration actions: tenant administrators only; support staff see the values masked.
 * The app binds these to the signed-in session; tests bind the same definitions to users they choose.
 */
export function channelIntegrationActions(client: ReturnType<typeof createActionClient>) {
  return {
    generateScenarioKey: client.tenant(generateScenarioKeySchema, ["tenant_admin"], generateScenarioKey),
    registerTelegramWebhook: client.tenant(registerTelegramWebhookSchema, ["tenant_admin"], registerTelegramWebhook),
  };
}
