import pino, { type DestinationStream, type Logger } from "pino";
import { errorForLog } from "./errors";
import { prettyStream } from "./pretty";
import { REDACT_PATHS, REDACTED } from "./redact";

/*
 * The console's one logger: a JSON line per event in production, a readable line in development,
 * secrets blanked by path before anything is written (redact.ts). Everything goes to stdout, which
 * `npm start` also appends to CONSOLE_LOG_FILE. Requests and jobs log through a child that carries
 * their ids (request.ts, queue-logger.ts).
 */

export type Log = Logger;
export type LogFormat = "json" | "pretty";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export interface LoggerOptions {
  level?: string;
  format?: LogFormat;
  destination?: DestinationStream;
}

/** LOG_LEVEL, or info (warn under a test runner). */
export function logLevel(env: Record<string, string | undefined>): string {
  const wanted = env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted && (LOG_LEVELS as readonly string[]).includes(wanted)) return wanted;
  // Test runs print their own report; a request line per call would bury it.
  return env.NODE_ENV === "test" ? "warn" : "info";
}

/** LOG_FORMAT wins; otherwise JSON in production (a log shipper reads it) and text while developing. */
export function logFormat(env: Record<string, string | undefined>): LogFormat {
  if (env.LOG_FORMAT === "json" || env.LOG_FORMAT === "pretty") return env.LOG_FORMAT;
  return env.NODE_ENV === "production" ? "json" : "pretty";
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? logFormat(process.env);
  const destination = options.destination ?? (format === "pretty" ? prettyStream(process.stdout) : process.stdout);
  return pino(
    {
      level: options.level ?? logLevel(process.env),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Host names say nothing a process id does not, on one machine or behind a load balancer.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: errorForLog, error: errorForLog },
    },
    destination,
  );
}

// One per process, kept on globalThis so Next's separately bundled server and route chunks share it.
const globalForLog = globalThis as unknown as { channelConsoleLog?: Logger };

export function getLog(): Logger {
  return (globalForLog.channelConsoleLog ??= createLogger());
}

/** Replaces the process's logger (tests capture lines with it); returns the one it replaced. */
export function replaceLog(logger: Logger): Logger | undefined {
  const previous = globalForLog.channelConsoleLog;
  globalForLog.channelConsoleLog = logger;
  return previous;
}

/** A child for one part of the console (`{ module: "webhooks" }` on every line it writes). */
export function moduleLog(module: string): Logger {
  return getLog().child({ module });
}
