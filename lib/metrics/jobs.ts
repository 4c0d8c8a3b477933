import type { WorkerEvents } from "graphile-worker";
import { metrics } from "./registry";

/** Job run times by task, from graphile-worker's own events: nothing to add to each task. */
export function observeJobs(events: WorkerEvents): void {
  const started = new Map<string, number>();
  const histogram = metrics().jobDuration;
  events.on("job:start", ({ job }) => void started.set(job.id, performance.now()));
  events.on("job:complete", ({ job, error }) => {
    const at = started.get(job.id);
    started.delete(job.id);
    if (at === undefined) return;
    histogram.observe({ task: job.task_identifier, outcome: error ? "error" : "success" }, (performance.now() - at) / 1000);
  });
}
