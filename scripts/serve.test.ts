import os from "node:os";
import { describe, expect, it } from "vitest";
import { directWebhooks, parseServeArgs } from "./serve.mjs";

describe("parseServeArgs", () => {
  it("takes -p / -H like next start, with PORT as the default port", () => {
    expect(parseServeArgs(["-p", "4000", "-H", "127.0.0.1"], { WEB_CONCURRENCY: "3" })).toEqual({ port: 4000, hostname: "127.0.0.1", processes: 3 });
    expect(parseServeArgs(["--port", "4001", "--hostname", "::1"], { WEB_CONCURRENCY: "1" })).toEqual({ port: 4001, hostname: "::1", processes: 1 });
    expect(parseServeArgs([], { PORT: "3300", WEB_CONCURRENCY: "2" })).toEqual({ port: 3300, hostname: "0.0.0.0", processes: 2 });
    expect(parseServeArgs([], { HOST: "127.0.0.1", WEB_CONCURRENCY: "1" }).hostname).toBe("127.0.0.1");
    expect(parseServeArgs(["-H", "::1"], { HOST: "127.0.0.1", WEB_CONCURRENCY: "1" }).hostname).toBe("::1");
  });

  it("runs one process per CPU, at most four, unless WEB_CONCURRENCY says otherwise", () => {
    expect(parseServeArgs([], {}).processes).toBe(Math.min(4, os.availableParallelism()));
    expect(parseServeArgs([], { WEB_CONCURRENCY: "zero" }).processes).toBe(Math.min(4, os.availableParallelism()));
  });

  it("refuses arguments it does not know and ports that are not ports", () => {
    expect(() => parseServeArgs(["--turbo"], {})).toThrow('unknown argument "--turbo"');
    expect(() => parseServeArgs(["-p"], {})).toThrow('unknown argument "-p"');
    expect(() => parseServeArgs(["-p", "70000"], {})).toThrow('invalid port "70000"');
  });
});

describe("directWebhooks", () => {
  const key = Symbol.for("channel-console.webhooks.node-handler");
  const request = {} as never;
  const response = {} as never;

  it("leaves requests to Next until the build's handler is published, then hands them to it", () => {
    const global = globalThis as Record<symbol, unknown>;
    delete global[key];
    const direct = directWebhooks({});
    expect(direct(request, response)).toBe(false);
    const seen: unknown[] = [];
    global[key] = (req: unknown) => (seen.push(req), true);
    try {
      expect(direct(request, response)).toBe(true);
      expect(seen).toEqual([request]);
      expect(directWebhooks({ WEBHOOK_DIRECT: "off" })(request, response)).toBe(false);
      expect(seen).toHaveLength(1);
    } finally {
      delete global[key];
    }
  });
});
