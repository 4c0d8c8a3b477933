import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createLogger, replaceLog } from "@/lib/log/logger";
import { createRouteClient } from "./routes";

/*
 * Every route handler's answer is one log line (request id, route, method, status, duration, the
 * tenant once known), and an unexpected failure is a 500 whose body names the request id and
 * carries no stack or message: those are in the log only.
 */

const support: CurrentUser = { id: "u1", email: "s@example.com", name: "S", role: "support", tenantId: "tenant-a", tenantName: "A" };
const client = createRouteClient({ getUser: async () => support, getDb: () => ({}) as Db });

let lines: Record<string, unknown>[];
let previous: ReturnType<typeof replaceLog>;
beforeEach(() => {
  lines = [];
  previous = replaceLog(createLogger({ level: "info", format: "json", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }));
});
afterEach(() => {
  if (previous) replaceLog(previous);
});

describe("route handlers' logs", () => {
  it("log one line per answer with the request id, route, status, duration and tenant", async () => {
    const handler = client.tenant({ roles: ["support"] }, async () => Response.json({ ok: true }));
    const response = await handler(new Request("http://x/api/exports/6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f", { headers: { "x-request-id": "lb-req-000123" } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("lb-req-000123");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", msg: "request", reqId: "lb-req-000123", method: "GET", route: "/api/exports/:id", status: 200, tenantId: "tenant-a", userId: "u1" });
    expect(typeof lines[0]!.durationMs).toBe("number");
  });

  it("answer an unexpected failure with the request id only; the stack goes to the log, the message nowhere", async () => {
    const handler = client.tenant({ roles: ["support"] }, async () => {
      throw new Error("failed while saving CANARY-route-secret");
    });
    const response = await handler(new Request("http://x/api/thing"));
    const text = await response.text();
    expect(response.status).toBe(500);
    const body = JSON.parse(text);
    expect(body).toEqual({ error: { code: "unexpected", message: expect.any(String), requestId: response.headers.get("x-request-id") } });
    expect(text).not.toMatch(/\bat \S+ \(|CANARY|Error:/);

    const failure = lines.find((line) => line.msg === "unexpected failure")!;
    expect(failure).toMatchObject({ level: "error", reqId: body.error.requestId, tenantId: "tenant-a", err: { type: "Error" } });
    expect((failure.err as { stack: string }).stack).toMatch(/observe\.test\.ts/);
    expect(lines.find((line) => line.msg === "request")).toMatchObject({ level: "error", status: 500, reqId: body.error.requestId });
    expect(JSON.stringify(lines)).not.toContain("CANARY-route-secret");
  });

  it("log a refused caller's answer too (401, no tenant yet)", async () => {
    const signedOut = createRouteClient({ getUser: async () => null, getDb: () => ({}) as Db });
    const response = await signedOut.tenant({ roles: ["support"] }, async () => Response.json({}))(new Request("http://x/api/me"));
    expect(response.status).toBe(401);
    expect(lines).toEqual([expect.objectContaining({ status: 401, route: "/api/me" })]);
    expect(lines[0]).not.toHaveProperty("tenantId");
  });
});
