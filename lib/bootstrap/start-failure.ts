import { EmbeddedStartError } from "@/db/embedded";
import { FirstStartConfigError } from "./first-start-config";

/** A failure whose message is already the sentence for the operator: what is wrong, what to do. */
export class StartError extends Error {
  override name = "StartError";
}

// Errors from a server named by DATABASE_URL (never echoed: it holds a password).
const DATABASE_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: "the database server refused the connection",
  ENOTFOUND: "the database server's host name does not resolve",
  ETIMEDOUT: "the database server did not answer",
  "28P01": "the database server rejected the user name or password",
  "28000": "the database server does not let that user in",
  "3D000": "the database does not exist on the server",
};

/**
 * The one line `npm start` prints when it cannot start. Never a stack trace, never "undefined":
 * whatever was thrown (or rejected with, even nothing at all) becomes one sentence.
 */
export function describeStartFailure(error: unknown): string {
  if (error instanceof StartError || error instanceof EmbeddedStartError || error instanceof FirstStartConfigError) {
    return oneLine(error.message);
  }
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
  if (code && DATABASE_PROBLEMS[code]) {
    return `${DATABASE_PROBLEMS[code]} (${code}): check that it runs and that DATABASE_URL names the right host, port, database, user and password.`;
  }
  if (code === "EACCES" || code === "EPERM") {
    const where = (error as NodeJS.ErrnoException).path;
    return `permission denied${where ? ` on ${where}` : ""} (${code}): run npm start as a user who may use it, or from a folder that user owns.`;
  }
  if (error instanceof Error && error.message.trim()) {
    return `${oneLine(error.message)} (see README, "Run it").`;
  }
  if (typeof error === "string" && error.trim()) return `${oneLine(error)} (see README, "Run it").`;
  return "the start-up stopped on a failure that gave no reason: run it again, and report it if it happens again.";
}

function oneLine(message: string): string {
  return message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ")
    .replace(/:\s*:/g, ":");
}
