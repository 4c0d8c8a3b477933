import { createLogger, replaceLog } from "@/lib/log/logger";

/*
 * The console's log, captured: the process logger (lib/log) is swapped for one writing JSON lines
 * into an array, every level kept, the same redaction applied. `restore()` puts the old one back.
 */

export interface LogEntry {
  level: string;
  msg: string;
  module?: string;
  [field: string]: unknown;
}

export interface CapturedLog {
  lines: LogEntry[];
  /** Every line as written, for searching for a value that must not be there. */
  text(): string;
  at(level: string): LogEntry[];
  restore(): void;
}

export function captureLog(): CapturedLog {
  const raw: string[] = [];
  const lines: LogEntry[] = [];
  const previous = replaceLog(
    createLogger({
      level: "trace",
      format: "json",
      destination: {
        write: (line: string) => {
          raw.push(line);
          lines.push(JSON.parse(line) as LogEntry);
        },
      },
    }),
  );
  return {
    lines,
    text: () => raw.join(""),
    at: (level) => lines.filter((line) => line.level === level),
    restore: () => {
      if (previous) replaceLog(previous);
    },
  };
}
