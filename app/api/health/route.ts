// GET /api/health - liveness and database reachability, for load balancers and monitoring
import { getPool } from "@/db";
import { route } from "@/lib/guard";
import { checkHealth, healthResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = route.public(async () => healthResponse(await checkHealth(getPool())));
