// The process ./read-in-child.ts starts (node --import tsx) to read uploaded certificate files.
// Everything that touches an upload's bytes beyond its size runs here: the ASN.1 and PEM checks
// (pure JavaScript, ~0.3 ms per kB) and OpenSSL (key derivations, certificate parsing), so the
// console's event loop never waits for them, and a file that still takes too long is ended with
// SIGKILL, which also stops OpenSSL mid-derivation (a worker thread could not be stopped there).
import { runReadJob, type ReadJob } from "./read-job";
import { moduleLog } from "@/lib/log/logger";

process.on("message", (request: { job: ReadJob }) => {
  runReadJob(request.job).then(
    (reply) => process.send?.({ reply }),
    (error: unknown) => {
      moduleLog("certificates").error({ err: error }, "certificate reader failed");
      process.send?.({ failed: true });
    },
  );
});

// The console process is gone: nobody is left to answer.
process.on("disconnect", () => process.exit(0));

process.send?.({ ready: true });
