import { describe, expect, it } from "vitest";
import { createLogger, logFormat, logLevel, type LogFormat } from "./logger";
import { formatPretty } from "./pretty";
import { SECRET_KEYS } from "./redact";

/** A logger writing into an array, as the console's would write to stdout. */
function capture(format: LogFormat = "json", level = "trace") {
  const lines: string[] = [];
  const log = createLogger({ level, format, destination: { write: (line: string) => void lines.push(format === "pretty" ? formatPretty(line) : line) } });
  return { log, lines, text: () => lines.join("") };
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
const canary = (key: string) => `CANARY-${key}-7f3a`;

describe("redaction", () => {
  it.each(["json", "pretty"] as const)("no secret path reaches the %s output, at any level or depth", (format) => {
    const { log, text, lines } = capture(format);
    for (const level of LEVELS) {
      for (const key of SECRET_KEYS) {
        const value = canary(key);
        log[level]({ [key]: value }, "top");
        log[level]({ channel: { [key]: value } }, "one deep");
        log[level]({ req: { headers: { [key]: value } } }, "two deep");
        log[level]({ a: { b: { c: { [key]: value } } } }, "three deep");
        log.child({ [key]: value })[level]("bound on a child");
      }
    }
    expect(lines.length).toBe(LEVELS.length * SECRET_KEYS.length * 5);
    for (const key of SECRET_KEYS) expect(text(), key).not.toContain(canary(key));
    expect(text()).toContain("[redacted]");
  });

  it("keeps the fields that are not secrets", () => {
    const { log, lines } = capture();
    log.info({ tenantId: "t-1", channelId: "c-1", status: 401, password: "hunter2-canary" }, "refused");
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: "info", msg: "refused", tenantId: "t-1", channelId: "c-1", status: 401, password: "[redacted]" });
    expect(typeof entry.time).toBe("string");
  });

  it("writes an error's type, code and stack frames, never its message (which may quote input)", () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error("could not save secret CANARY-msg-11"), { code: "23505" });
    log.error({ err: error }, "failed");
    const entry = JSON.parse(lines[0]!);
    expect(entry.err.type).toBe("Error");
    expect(entry.err.code).toBe("23505");
    expect(entry.err.stack).toMatch(/^\s+at /);
    expect(lines[0]).not.toContain("CANARY-msg-11");
  });
});

describe("settings", () => {
  it("JSON in production, text elsewhere, LOG_FORMAT over both", () => {
    expect(logFormat({ NODE_ENV: "production" })).toBe("json");
    expect(logFormat({ NODE_ENV: "development" })).toBe("pretty");
    expect(logFormat({ NODE_ENV: "development", LOG_FORMAT: "json" })).toBe("json");
    expect(logFormat({ NODE_ENV: "production", LOG_FORMAT: "loud" })).toBe("json");
  });

  it("LOG_LEVEL picks a level; anything else is info", () => {
    expect(logLevel({ LOG_LEVEL: "debug" })).toBe("debug");
    expect(logLevel({ LOG_LEVEL: "WARN" })).toBe("warn");
    expect(logLevel({ LOG_LEVEL: "verbose" })).toBe("info");
    expect(logLevel({})).toBe("info");
    expect(logLevel({ NODE_ENV: "test" })).toBe("warn");
  });

  it("drops lines below the level", () => {
    const { log, lines } = capture("json", "warn");
    log.info("quiet");
    log.warn("heard");
    expect(lines).toHaveLength(1);
  });
});

describe("development's readable lines", () => {
  it("prints time, level, module, message and fields, the stack below", () => {
    const { log, text } = capture("pretty");
    log.child({ module: "webhooks" }).warn({ status: 401, channelId: "c-1", err: new Error("x") }, "refused");
    expect(text()).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}\[webhooks\] refused status=401 channelId=c-1\n {2}Error\n\s+at /);
  });
});
