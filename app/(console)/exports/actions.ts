"use server";

import { getLocale } from "next-intl/server";
import { action } from "@/lib/guard";
import { exportActions } from "@/lib/exports/actions";

const actions = exportActions(action);

/** The file is written in the language the person starting it reads the console in. */
export async function startExportAction(input: unknown) {
  const locale = await getLocale();
  return actions.startExport({ ...(input as object), locale });
}
