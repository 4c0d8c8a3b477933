import { Logger as QueueLogger } from "graphile-worker";
import type { Logger } from "pino";
import { moduleLog } from "./logger";

/*
 * graphile-worker's log on ours. It reports every job start and finish at info; those go to debug
 * (the job metrics count them), its warnings and errors stay what they are. Its scope names the
 * task and job, which become fields of the line.
 */

const LEVELS = { error: "error", warning: "warn", info: "debug", debug: "debug" } as const;

export function queueLogger(module: string, parent: Logger = moduleLog(module)): QueueLogger {
  return new QueueLogger((scope) => {
    const child = parent.child({ task: scope.taskIdentifier, jobId: scope.jobId, worker: scope.workerId });
    return (level, message, meta) => {
      const method = LEVELS[level as keyof typeof LEVELS] ?? "info";
      const error = (meta as { error?: unknown } | undefined)?.error;
      child[method](error instanceof Error ? { err: error } : {}, message);
    };
  });
}
