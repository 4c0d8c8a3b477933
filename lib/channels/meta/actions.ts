import type { createActionClient } from "@/lib/guard/actions";
import { metaChannelInput, metaSubscriptionInput, registerNumberInput } from "./schemas";
import { checkMetaToken, registerMetaNumber, setMetaSubscription } from "./tools";

/**
 * Meta number tools: tenant administrators only (support staff read the Provider section). The app
 * binds these to the signed-in session; tests bind the same definitions to users they choose.
 */
export function metaToolsActions(client: ReturnType<typeof createActionClient>) {
  return {
    setMetaSubscription: client.tenant(metaSubscriptionInput, ["tenant_admin"], setMetaSubscription),
    registerMetaNumber: client.tenant(registerNumberInput, ["tenant_admin"], registerMetaNumber),
    checkMetaToken: client.tenant(metaChannelInput, ["tenant_admin"], checkMetaToken),
  };
}
