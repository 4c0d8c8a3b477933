import { describe, expect, it } from "vitest";
import { explainPostgresExit } from "./embedded-errors";
import { clusterHome } from "./embedded-layout";

const context = { dataDir: "data", port: 54329 };

// What PostgreSQL 18 writes to stderr (LC_MESSAGES=C) when it gives up during start-up.
const logs = {
  dataFolderLocked:
    '2026-12-05 12:00:00.000 UTC [4242] FATAL:  lock file "postmaster.pid" already exists\n' +
    '2026-12-05 12:00:00.000 UTC [4242] HINT:  Is another postmaster (PID 1234) running in data directory "/srv/data/pg"?\n',
  portTaken:
    '2026-12-05 12:00:00.000 UTC [4243] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n' +
    "2026-12-05 12:00:00.000 UTC [4243] HINT:  Is another postmaster already running on port 54329? If not, wait a few seconds and retry.\n" +
    '2026-12-05 12:00:00.000 UTC [4243] WARNING:  could not create listen socket for "127.0.0.1"\n' +
    "2026-12-05 12:00:00.000 UTC [4243] FATAL:  could not create any TCP/IP sockets\n",
  socketTaken:
    '2026-12-05 12:00:00.000 UTC [4244] FATAL:  lock file "/tmp/.s.PGSQL.54329.lock" already exists\n' +
    '2026-12-05 12:00:00.000 UTC [4244] HINT:  Is another postmaster (PID 999) using socket file "/tmp/.s.PGSQL.54329"?\n',
  other: '2026-12-05 12:00:00.000 UTC [4245] FATAL:  data directory "/srv/data/pg" has invalid permissions\n',
};

describe("explainPostgresExit", () => {
  it("names the data folder whose PostgreSQL is already running, with its PID", () => {
    const error = explainPostgresExit(logs.dataFolderLocked, context);
    expect(error.kind).toBe("already-running");
    expect(error.message).toMatch(/^the embedded PostgreSQL of data is already running \(PID 1234\).*: stop that one first/);
  });

  it("tells a busy port apart, over TCP and over the socket file, and names EMBEDDED_PG_PORT", () => {
    for (const log of [logs.portTaken, logs.socketTaken]) {
      const error = explainPostgresExit(log, context);
      expect(error.kind).toBe("port-in-use");
      expect(error.message).toContain("port 54329 on 127.0.0.1 is already in use");
      expect(error.message).toContain("set EMBEDDED_PG_PORT to a free port");
    }
  });

  it("passes on PostgreSQL's own reason otherwise, in one line", () => {
    const error = explainPostgresExit(logs.other, context);
    expect(error.kind).toBe("failed");
    expect(error.message).toContain('(data directory "/srv/data/pg" has invalid permissions)');
    expect(explainPostgresExit("", context).message).toContain("(it gave no reason)");
    for (const log of Object.values(logs)) expect(explainPostgresExit(log, context).message).not.toContain("\n");
  });
});

describe("clusterHome", () => {
  it("gives each data folder path a folder of its own under the system folder", () => {
    const a = clusterHome("/var/lib/channel-console", "/root/console/data");
    expect(a).toMatch(/^\/var\/lib\/channel-console\/clusters\/[0-9a-f]{16}$/);
    expect(clusterHome("/var/lib/channel-console", "/root/console/data")).toBe(a);
    expect(clusterHome("/var/lib/channel-console", "/root/other/data")).not.toBe(a);
  });
});
