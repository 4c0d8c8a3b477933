import type { createActionClient } from "@/lib/guard/actions";
import {
  decideTrustlistRequestSchema,
  requestTrustlistPrefixSchema,
  revokeTrustlistPrefixSchema,
  withdrawTrustlistRequestSchema,
} from "@/lib/validations/trustlist";
import { decideRequest, revokePrefix } from "./decisions";
import { requestPrefix, withdrawRequest } from "./requests";

/**
 * Address-trustlist actions: tenant administrators request and withdraw prefixes; system
 * administrators decide and revoke. The app binds these to the session; tests to users they choose.
 */
export function trustlistActions(client: ReturnType<typeof createActionClient>) {
  return {
    request: client.tenant(requestTrustlistPrefixSchema, ["tenant_admin"], requestPrefix),
    withdraw: client.tenant(withdrawTrustlistRequestSchema, ["tenant_admin"], withdrawRequest),
    decide: client.system(decideTrustlistRequestSchema, decideRequest),
    revoke: client.system(revokeTrustlistPrefixSchema, revokePrefix),
  };
}
