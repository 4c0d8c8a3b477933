import { reportPoolErrorsTo } from "@/db/client";
import { moduleLog } from "./logger";

/** Database connection errors as log lines of module "db", like every other event (README, "Logs"). */
export function logDatabaseErrors(): void {
  const log = moduleLog("db");
  reportPoolErrorsTo((error, client) => log.error({ err: error, client }, "database connection error"));
}
