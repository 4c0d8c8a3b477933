/**
 * Why the embedded PostgreSQL could not start, as one sentence an operator can act on. The
 * start script prints the message as is, so each one names the problem and what to do about it.
 */
export class EmbeddedStartError extends Error {
  override name = "EmbeddedStartError";
  constructor(
    readonly kind: "already-running" | "port-in-use" | "unreachable" | "failed",
    message: string,
  ) {
    super(message);
  }
}

export interface ExitContext {
  /** The data folder as the operator named it (CONSOLE_DATA_DIR). */
  dataDir: string;
  port: number;
}

/**
 * Reads what PostgreSQL wrote before it exited during start-up (LC_MESSAGES=C, so English).
 * The data folder's lock comes first: PostgreSQL takes it before it opens any socket.
 */
export function explainPostgresExit(stderr: string, context: ExitContext): EmbeddedStartError {
  const dataLock = /lock file "[^"]*postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(stderr);
  if (dataLock) {
    return new EmbeddedStartError(
      "already-running",
      `the embedded PostgreSQL of ${context.dataDir} is already running (PID ${dataLock[1]}), most likely under another ` +
        "`npm start` or `npm run dev`: stop that one first, or give this one its own CONSOLE_DATA_DIR.",
    );
  }
  if (/Address already in use|could not create any TCP\/IP sockets|lock file "[^"]*\.s\.PGSQL\.\d+\.lock" already exists/.test(stderr)) {
    return portInUse(context.port);
  }
  const fatal = /(?:FATAL|PANIC):\s+(.+)/.exec(stderr)?.[1]?.trim();
  return new EmbeddedStartError(
    "failed",
    `the embedded PostgreSQL in ${context.dataDir} stopped while starting (${fatal ?? "it gave no reason"}): ` +
      "fix what it reports, or move that data folder aside to start with a new one.",
  );
}

export function portInUse(port: number): EmbeddedStartError {
  return new EmbeddedStartError(
    "port-in-use",
    `port ${port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot listen there: ` +
      "stop the program that uses it, or set EMBEDDED_PG_PORT to a free port.",
  );
}
