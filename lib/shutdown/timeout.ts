/** How long a SIGTERM may take before what is still running is abandoned (README, "Configuration"). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * SHUTDOWN_TIMEOUT_MS, or the default. 25 s leaves room under the 30 s a container orchestrator
 * (Kubernetes' terminationGracePeriodSeconds, `docker stop`) waits before SIGKILL, and is far
 * above a webhook's commit (milliseconds) or a send (OUTBOUND_TIMEOUT_MS per call).
 */
export function shutdownTimeoutMs(env: Partial<Record<string, string>> = process.env): number {
  const raw = env.SHUTDOWN_TIMEOUT_MS;
  if (raw === undefined || raw === "") return DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1_000 || value > 600_000) {
    throw new Error(`SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 600000, not "${raw}"`);
  }
  return value;
}

/**
 * SHUTDOWN_DRAIN_DELAY_MS (default 0): after SIGTERM a web process answers /api/ready with 503 but
 * keeps accepting connections this long, so a load balancer that polls readiness takes it out of
 * rotation before its port closes (no refused connect at all); then it stops accepting and drains.
 * It must end a second before SHUTDOWN_TIMEOUT_MS, which also bounds the drain that follows.
 */
export function drainDelayMs(env: Partial<Record<string, string>> = process.env): number {
  const raw = env.SHUTDOWN_DRAIN_DELAY_MS;
  if (raw === undefined || raw === "") return 0;
  const value = Number(raw);
  const ceiling = shutdownTimeoutMs(env) - 1_000;
  if (!Number.isInteger(value) || value < 0 || value > ceiling) {
    throw new Error(`SHUTDOWN_DRAIN_DELAY_MS must be a whole number of milliseconds from 0 to ${ceiling} (a second under SHUTDOWN_TIMEOUT_MS), not "${raw}"`);
  }
  return value;
}

/** Resolves with true when `work` ends within `ms`, false when the deadline comes first. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true, () => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
