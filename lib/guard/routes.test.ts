import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createRouteClient, queryOf } from "./routes";

const db = {} as Db;
const support: CurrentUser = { id: "u1", email: "s@example.com", name: "S", role: "support", tenantId: "tenant-a", tenantName: "A" };
const client = (who: CurrentUser | null) => createRouteClient({ getUser: async () => who, getDb: () => db });

const handler = (who: CurrentUser | null) =>
  client(who).tenant(
    { roles: ["support", "tenant_admin"], input: queryOf, schema: z.object({ limit: z.coerce.number().int().max(100, "tooLarge") }) },
    async (input, ctx) => Response.json({ limit: input.limit, tenantId: ctx.tenantId }),
  );

describe("route.tenant", () => {
  it("answers 401 JSON to a signed-out caller", async () => {
    const response = await handler(null)(new Request("http://x/api/thing?limit=5"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Your session has ended. Sign in again." } });
  });

  it("answers 400 naming the field for bad input", async () => {
    const response = await handler(support)(new Request("http://x/api/thing?limit=500"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "validation", fields: { limit: ["tooLarge"] } } });
  });

  it("runs with the caller's tenant, ignoring a tenant in the query", async () => {
    const response = await handler(support)(new Request("http://x/api/thing?limit=5&tenantId=tenant-b"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ limit: 5, tenantId: "tenant-a" });
  });

  it("answers 403 to a role that is not allowed", async () => {
    const sysadmin: CurrentUser = { ...support, role: "system_admin", tenantId: null };
    const response = await handler(sysadmin)(new Request("http://x/api/thing?limit=5"));
    expect(response.status).toBe(403);
  });
});

describe("route.tenant params", () => {
  const byId = (who: CurrentUser | null) =>
    client(who).tenant({ roles: ["support"], params: z.object({ id: z.uuid({ error: "notFound" }) }) }, async (_input, ctx) =>
      Response.json({ id: ctx.params.id }),
    );
  const id = "6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f";
  const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

  it("parses Next's params with the route's schema", async () => {
    const response = await byId(support)(new Request("http://x/api/thing/other"), context({ id }));
    expect(await response.json()).toEqual({ id });
  });

  it("answers 400 naming the segment for a malformed one", async () => {
    const response = await byId(support)(new Request("http://x/api/thing/x"), context({ id: "x" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "validation", fields: { id: ["notFound"] } } });
  });
});
