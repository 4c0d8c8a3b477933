import { createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { checkHealth, healthResponse } from "./health";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("health", () => {
  it("answers 200 ok while the database answers", async () => {
    const response = healthResponse(await checkHealth(t.pool));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 db down when the database cannot be reached", async () => {
    // Port 1 is reserved and nothing listens on it: a real, refused connection.
    const dead = createPool("postgres://nobody:nothing@127.0.0.1:1/none", { connectionTimeoutMillis: 1_000 });
    try {
      const response = healthResponse(await checkHealth(dead));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "degraded", db: "down" });
    } finally {
      await dead.end();
    }
  });

  it("answers down when the database accepts connections but never replies", async () => {
    // A TCP server that swallows the PostgreSQL handshake: the state of a hung database host.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const hung = createPool(`postgres://u:p@127.0.0.1:${port}/db`, { connectionTimeoutMillis: 10_000 });
    try {
      const started = Date.now();
      expect(await checkHealth(hung, 300)).toEqual({ status: "degraded", db: "down" });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await hung.end().catch(() => {});
    }
  });
});
