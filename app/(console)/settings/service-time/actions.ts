"use server";

import { action } from "@/lib/guard";
import { serviceTimeActions } from "@/lib/service-time/actions";

const actions = serviceTimeActions(action);

export async function updateTimeZoneAction(input: unknown) {
  return actions.updateTimeZone(input);
}

export async function addNonWorkingDayAction(input: unknown) {
  return actions.addNonWorkingDay(input);
}

export async function deleteNonWorkingDayAction(input: unknown) {
  return actions.deleteNonWorkingDay(input);
}
