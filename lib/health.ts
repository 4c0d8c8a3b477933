import type pg from "pg";

export interface Health {
  status: "ok" | "degraded";
  db: "ok" | "down";
}

/** One round trip to the database, bounded so a hung server answers "down" instead of hanging. */
export async function checkHealth(pool: pg.Pool, timeoutMs = 2_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("health check timed out")), timeoutMs);
  });
  try {
    await Promise.race([pool.query("select 1"), timeout]);
    return { status: "ok", db: "ok" };
  } catch {
    return { status: "degraded", db: "down" };
  } finally {
    clearTimeout(timer);
  }
}

export function healthResponse(health: Health): Response {
  return Response.json(health, {
    status: health.db === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
