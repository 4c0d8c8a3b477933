// GET /api/exports/{taskId}/download - the finished export file (xlsx, csv or zip), audited
import { route } from "@/lib/guard";
import { exportRouteHandlers } from "@/lib/exports/routes";

export const dynamic = "force-dynamic";

export const GET = exportRouteHandlers(route).download;
