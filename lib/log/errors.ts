/*
 * How an error is written to the log: its type, its code (PostgreSQL's, Node's) and its stack
 * frames, never its message. Messages carry input — an error thrown while a channel was saved may
 * quote the secret that was typed — and the stack's first line is that message, so it goes too.
 * The frames say where it failed; the type and code say what. Answers carry none of it.
 */

export interface LoggedError {
  type: string;
  code?: string;
  stack?: string;
  cause?: LoggedError;
}

export function errorForLog(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
  const cause = error.cause !== undefined && depth < 3 ? errorForLog(error.cause, depth + 1) : undefined;
  return {
    type: error.name,
    ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
    ...(frames ? { stack: frames } : {}),
    ...(cause ? { cause } : {}),
  };
}
