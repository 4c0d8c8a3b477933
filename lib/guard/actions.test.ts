import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { createActionClient } from "./actions";

// These actions never touch the database; the handle only has to be passed through.
const db = {} as Db;
const user = (role: CurrentUser["role"], tenantId: string | null = "tenant-a"): CurrentUser => ({
  id: `${role}-id`,
  email: `${role}@example.com`,
  name: role,
  role,
  tenantId: role === "system_admin" ? null : tenantId,
  tenantName: role === "system_admin" ? null : "A",
});
const client = (who: CurrentUser | null) => createActionClient({ getUser: async () => who, getDb: () => db });

describe("action.tenant", () => {
  const schema = z.object({ note: z.string().min(1, "required") });

  it("runs with the tenant of the signed-in user, whatever the input says", async () => {
    const seen = vi.fn(async (_input: unknown, ctx: { tenantId: string }) => ctx.tenantId);
    const act = client(user("support")).tenant(schema, ["support"], seen);
    expect(await act({ note: "x", tenantId: "tenant-b" })).toEqual({ ok: true, data: "tenant-a" });
    // zod strips the unknown key, so the handler never even sees the forged tenant.
    expect(seen.mock.calls[0]![0]).toEqual({ note: "x" });
  });

  it("authenticates first, then parses, then authorizes", async () => {
    const handler = vi.fn(async () => "ran");
    expect(await client(null).tenant(schema, ["tenant_admin"], handler)({ note: "" })).toEqual({
      ok: false,
      error: "unauthenticated",
    });
    expect(await client(user("support")).tenant(schema, ["tenant_admin"], handler)({ note: "" })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { note: ["required"] },
    });
    expect(await client(user("support")).tenant(schema, ["tenant_admin"], handler)({ note: "ok" })).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses system administrators, who belong to no tenant", async () => {
    const act = client(user("system_admin")).tenant(schema, ["tenant_admin", "support"], async () => "ran");
    expect(await act({ note: "x" })).toEqual({ ok: false, error: "forbidden" });
  });
});

describe("action.system", () => {
  it("admits system administrators only", async () => {
    const schema = z.object({});
    const run = async (who: CurrentUser) => client(who).system(schema, async () => "ran")({});
    expect(await run(user("system_admin"))).toEqual({ ok: true, data: "ran" });
    expect(await run(user("tenant_admin"))).toEqual({ ok: false, error: "forbidden" });
    expect(await run(user("support"))).toEqual({ ok: false, error: "forbidden" });
  });
});

describe("failures", () => {
  const schema = z.object({ secret: z.string() });

  it("passes an AppError's code and field errors to the form", async () => {
    const act = client(user("tenant_admin")).tenant(schema, ["tenant_admin"], async () => {
      throw new AppError("conflict", "nameTaken", { name: ["nameTaken"] });
    });
    expect(await act({ secret: "s" })).toEqual({ ok: false, error: "nameTaken", fieldErrors: { name: ["nameTaken"] } });
  });

  it("answers 'unavailable' when the database cannot be reached", async () => {
    const act = client(user("tenant_admin")).tenant(schema, ["tenant_admin"], async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    expect(await act({ secret: "s" })).toEqual({ ok: false, error: "unavailable" });
  });

  it("hides unexpected errors and logs no input or message", async () => {
    const log = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const act = client(user("tenant_admin")).tenant(schema, ["tenant_admin"], async (input) => {
      throw new Error(`failed with ${input.secret}`);
    });
    expect(await act({ secret: "canary-3f9a" })).toEqual({ ok: false, error: "unexpected" });
    expect(log).toHaveBeenCalled();
    expect(JSON.stringify(log.mock.calls)).not.toContain("canary-3f9a");
    log.mockRestore();
  });

  it("lets Next.js control flow (redirect) through", async () => {
    const { redirect } = await import("next/navigation");
    const act = client(user("tenant_admin")).tenant(schema, ["tenant_admin"], async () => redirect("/somewhere"));
    await expect(act({ secret: "s" })).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});
