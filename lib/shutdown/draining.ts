/*
 * Whether this server process is shutting down. scripts/serve.mjs (plain JavaScript, outside
 * Next's build) sets the flag on SIGTERM; the readiness route, compiled into Next's server in the
 * same process, reads it. A symbol on globalThis is the one place both can reach.
 */
export const DRAINING = Symbol.for("channel-console.draining");

export function isDraining(): boolean {
  return (globalThis as { [DRAINING]?: boolean })[DRAINING] === true;
}
