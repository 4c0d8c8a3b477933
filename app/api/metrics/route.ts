// GET /api/metrics - the instance's metrics in Prometheus text, for a bearer of METRICS_TOKEN (404 without one)
import { route } from "@/lib/guard";
import { answerMetrics } from "@/lib/metrics/routes";

export const dynamic = "force-dynamic";

export const GET = route.public(answerMetrics);
