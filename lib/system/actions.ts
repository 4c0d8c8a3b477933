import type { createActionClient } from "@/lib/guard/actions";
import {
  createTenantSchema,
  createUserSchema,
  resetPasswordSchema,
  setUserDisabledSchema,
  updateUserAccessSchema,
} from "@/lib/validations/system";
import { createTenant } from "./tenants";
import { createUser, resetUserPassword, setUserDisabled, updateUserAccess } from "./users";

/**
 * System administration actions: schema + handler, composed with an action client. The app binds
 * them to the signed-in session; tests bind the very same definitions to users they choose.
 */
export function systemActions(client: ReturnType<typeof createActionClient>) {
  return {
    createTenant: client.system(createTenantSchema, createTenant),
    createUser: client.system(createUserSchema, createUser),
    updateUserAccess: client.system(updateUserAccessSchema, updateUserAccess),
    setUserDisabled: client.system(setUserDisabledSchema, setUserDisabled),
    resetUserPassword: client.system(resetPasswordSchema, resetUserPassword),
  };
}
