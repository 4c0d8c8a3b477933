import type { DestinationStream } from "pino";

/*
 * Development's readable lines, without pino-pretty (a dependency and a worker thread for a
 * convenience): the JSON line pino has already redacted, re-printed as
 * `12:03:04.567 WARN  [webhooks] message key=value …` with an error's stack below it.
 */

const OMITTED = new Set(["level", "time", "pid", "msg", "module", "err", "error"]);

export function formatPretty(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 23) : "";
  const level = String(entry.level ?? "").toUpperCase().padEnd(5);
  const part = entry.module ? `[${String(entry.module)}] ` : "";
  const fields = Object.entries(entry)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  const error = (entry.err ?? entry.error) as { type?: string; code?: string; stack?: string } | undefined;
  const stack = error ? `\n  ${error.type ?? "Error"}${error.code ? ` (${error.code})` : ""}\n${error.stack ?? ""}` : "";
  return `${time} ${level} ${part}${String(entry.msg ?? "")}${fields ? ` ${fields}` : ""}${stack}\n`;
}

export function prettyStream(out: { write(text: string): unknown }): DestinationStream {
  return { write: (line: string) => void out.write(formatPretty(line)) };
}
