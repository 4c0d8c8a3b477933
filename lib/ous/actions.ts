import type { createActionClient } from "@/lib/guard/actions";
import { createOuSchema, moveOuSchema, ouIdSchema, renameOuSchema } from "@/lib/validations/ous";
import { createOu, deleteOu, listMoveTargets, moveOu, renameOu } from "./ous";

/**
 * OU actions: tenant administrators change the tree; support staff only read it (on the page).
 * The app binds these to the signed-in session; tests bind the same definitions to users they choose.
 */
export function ouActions(client: ReturnType<typeof createActionClient>) {
  return {
    createOu: client.tenant(createOuSchema, ["tenant_admin"], createOu),
    renameOu: client.tenant(renameOuSchema, ["tenant_admin"], renameOu),
    moveOu: client.tenant(moveOuSchema, ["tenant_admin"], moveOu),
    deleteOu: client.tenant(ouIdSchema, ["tenant_admin"], deleteOu),
    // Only the move form asks for these, and only tenant administrators see it.
    listMoveTargets: client.tenant(ouIdSchema, ["tenant_admin"], listMoveTargets),
  };
}
