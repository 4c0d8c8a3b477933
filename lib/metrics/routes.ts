import "server-only";
import { getDb } from "@/db";
import { readQueueDepth } from "@/db/queries/queue-depth";
import { instanceRegistry } from "./gather";
import { metricsAccess } from "./token";
import { publishWebMetrics } from "./web";

/** GET /api/metrics: the instance's metrics in Prometheus text, for a bearer of METRICS_TOKEN. */
export async function answerMetrics(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers.get("authorization"), process.env.METRICS_TOKEN);
  if (access === "disabled") return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (access === "denied") {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  // instrumentation.ts publishes this at start-up; `next dev` and tests may not have run it.
  publishWebMetrics();
  const registry = await instanceRegistry(() => readQueueDepth(getDb()));
  return new Response(await registry.metrics(), {
    status: 200,
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}
