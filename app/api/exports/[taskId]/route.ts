// GET /api/exports/{taskId} - an export task's status and progress
import { route } from "@/lib/guard";
import { exportRouteHandlers } from "@/lib/exports/routes";

export const dynamic = "force-dynamic";

export const GET = exportRouteHandlers(route).status;
