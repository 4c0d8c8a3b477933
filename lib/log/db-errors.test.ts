import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { createPool, reportPoolErrorsTo } from "@/db/client";
import { createLogger, replaceLog } from "./logger";
import { logDatabaseErrors } from "./db-errors";

describe("database connection errors", () => {
  let previous: ReturnType<typeof replaceLog>;
  afterEach(() => {
    if (previous) replaceLog(previous);
    reportPoolErrorsTo(undefined);
  });

  it("become one structured line of module db, for idle and checked-out clients alike", () => {
    const lines: Record<string, unknown>[] = [];
    previous = replaceLog(createLogger({ level: "info", format: "json", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }));
    logDatabaseErrors();
    const pool = createPool("postgres://127.0.0.1:1/none");
    pool.emit("error", new Error("Connection terminated unexpectedly"), new pg.Client());
    const client = new pg.Client();
    pool.emit("connect", client);
    client.emit("error", new Error("terminating connection due to administrator command"));
    expect(lines.map((line) => [line.module, line.client, line.msg])).toEqual([
      ["db", "idle", "database connection error"],
      ["db", "checked-out", "database connection error"],
    ]);
    expect((lines[0]!.err as { type?: string }).type).toBe("Error");
  });
});
