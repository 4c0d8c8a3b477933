import type { createActionClient } from "@/lib/guard/actions";
import { createApiAppSchema, rotateApiAppSecretSchema, setApiAppDisabledSchema, updateApiAppSchema } from "@/lib/validations/api-apps";
import { createApiApp, rotateApiAppSecret, setApiAppDisabled, updateApiApp } from "./api-apps";

/**
 * API app management (system administrators only): schema + handler, composed with an action
 * client. The app binds them to the session; tests bind the same definitions to chosen users.
 */
export function apiAppActions(client: ReturnType<typeof createActionClient>) {
  return {
    createApiApp: client.system(createApiAppSchema, createApiApp),
    updateApiApp: client.system(updateApiAppSchema, updateApiApp),
    rotateApiAppSecret: client.system(rotateApiAppSecretSchema, rotateApiAppSecret),
    setApiAppDisabled: client.system(setApiAppDisabledSchema, setApiAppDisabled),
  };
}
