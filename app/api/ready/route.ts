// GET /api/ready - readiness for load balancers: migrations applied, workers listening, not shutting down (lib/readiness)
import { getPool } from "@/db";
import { route } from "@/lib/guard";
import { checkReadiness, readinessDeps, readinessResponse } from "@/lib/readiness/ready";

export const dynamic = "force-dynamic";

export const GET = route.public(async () => readinessResponse(await checkReadiness(readinessDeps(getPool()))));
