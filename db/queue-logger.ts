import { Logger } from "graphile-worker";

/** graphile-worker logs every migration step and job at info level; we only need to hear of problems. */
export function queueLogger(prefix: string): Logger {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") console.warn(`[${prefix}] ${message}`);
  });
}
