import type { createActionClient } from "@/lib/guard/actions";
import { addNonWorkingDaySchema, deleteNonWorkingDaySchema, updateTimeZoneSchema } from "@/lib/validations/service-time";
import { addNonWorkingDay, deleteNonWorkingDay, updateTimeZone } from "./service-time";

const EDITORS = ["tenant_admin"] as const;

/**
 * Service Time actions: schema + handler, composed with an action client. Only tenant
 * administrators change the settings; support staff read the page.
 */
export function serviceTimeActions(client: ReturnType<typeof createActionClient>) {
  return {
    updateTimeZone: client.tenant(updateTimeZoneSchema, EDITORS, updateTimeZone),
    addNonWorkingDay: client.tenant(addNonWorkingDaySchema, EDITORS, addNonWorkingDay),
    deleteNonWorkingDay: client.tenant(deleteNonWorkingDaySchema, EDITORS, deleteNonWorkingDay),
  };
}
