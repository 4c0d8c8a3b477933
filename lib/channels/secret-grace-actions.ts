import type { createActionClient } from "@/lib/guard/actions";
import { regenerateSecretTokenSchema, secretGraceSchema } from "@/lib/validations/secret-grace";
import { changeGrace, regenerateSecretToken } from "./secret-grace-manage";

/**
 * Secret grace period actions: tenant administrators only. The app binds these to the signed-in
 * session (app/(console)/channels/secret-grace-actions.ts); tests bind the same definitions.
 */
export function secretGraceActions(client: ReturnType<typeof createActionClient>) {
  return {
    changeSecretGrace: client.tenant(secretGraceSchema, ["tenant_admin"], (input, ctx) => changeGrace(input, ctx)),
    regenerateSecretToken: client.tenant(regenerateSecretTokenSchema, ["tenant_admin"], (input, ctx) => regenerateSecretToken(input, ctx)),
  };
}
