import { spawn } from "node:child_process";
import path from "node:path";

export interface EmbeddedProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts testing/db/run-embedded.ts and waits for its "READY <url>" line. */
export function startEmbeddedProcess(options: { dir: string; port: number; database: string }): Promise<EmbeddedProcess> {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["testing/db/run-embedded.ts", options.dir, String(options.port), options.database], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("embedded PostgreSQL did not start within 60 s")), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${error.message}\n${output}`));
    };
    child.stderr.on("data", (chunk) => (output += chunk));
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const ready = /^READY (\S+)$/m.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      resolve({
        url: ready[1]!,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("exit", (code) => fail(new Error(`embedded PostgreSQL exited with code ${code}`)));
  });
}
