import "server-only";
// Reads uploaded certificate files in a separate process (./read-child.ts), one file at a time,
// each bounded by CERTIFICATE_READ_TIMEOUT_MS. Why a process: the checks before OpenSSL parse
// ASN.1 in JavaScript (hundreds of ms for a crafted 1 MB file), a PKCS#12 file can hide key
// derivations inside its encrypted parts, and only a process can be stopped while OpenSSL runs.
// The process stays for a minute after a file (tsx takes ~0.5 s to start it) and then exits.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { CERTIFICATE_READ_TIMEOUT_MS } from "@/lib/validations/certificates";
import { CertificateError } from "./errors";
import type { ParsedFor, ReadJob, ReadReply } from "./read-job";

// Run from the source tree, like the migrations (db/migrate.ts): `npm start` and the tests start in it.
const CHILD_ENTRY = path.join(process.cwd(), "lib", "certificates", "read-child.ts");
const START_TIMEOUT_MS = 30_000;
const IDLE_MS = 60_000;
// The lowest priority: a reader at full speed for its 5 s must never slow the console's own answers.
const READER_NICENESS = 19;

type ChildMessage = { ready: true } | { reply: ReadReply } | { failed: true };

interface Reader {
  child: ChildProcess;
  ready: Promise<void>;
}

let reader: Reader | null = null;
let queue: Promise<unknown> = Promise.resolve();
let idleTimer: NodeJS.Timeout | undefined;

/** While idle, the reader must not keep a script or a test run alive. */
function hold(child: ChildProcess, busy: boolean): void {
  if (busy) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

function startReader(): Reader {
  // spawn with an "ipc" channel is what fork() does; Turbopack's build resolves a fork() path as a
  // module request and fails on it (vercel/next.js#97952), while a spawn() path is traced as a file.
  const child = spawn(process.execPath, ["--import", "tsx", CHILD_ENTRY], {
    // Nothing of the console's environment (database URL, keys) is needed to read a file.
    env: { NODE_ENV: process.env.NODE_ENV, ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) },
    serialization: "advanced",
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  // Reading a file is background work: when the cores are busy, the console's own answers go first.
  try {
    if (child.pid) os.setPriority(child.pid, READER_NICENESS);
  } catch {
    // Not permitted here (some containers): the reader runs at normal priority.
  }
  // A reader that dies (or cannot be sent to) is replaced by the next file's.
  child.on("error", () => child.kill("SIGKILL"));
  child.on("exit", () => {
    if (reader?.child === child) reader = null;
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the certificate reader did not start"));
    }, START_TIMEOUT_MS);
    child.once("message", () => {
      clearTimeout(timer);
      resolve();
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the certificate reader exited (${code ?? signal}) before it was ready`));
    });
  });
  return { child, ready };
}

function retire(retired: Reader): void {
  retired.child.kill("SIGKILL");
  if (reader === retired) reader = null;
}

function ask(current: Reader, job: ReadJob, timeoutMs: number): Promise<ReadReply> {
  const { child } = current;
  return new Promise((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (message: ChildMessage) => {
      settle();
      if ("reply" in message) resolve(message.reply);
      else reject(new Error("the certificate reader failed"));
    };
    const onExit = (code: number | null, signal: string | null) => {
      settle();
      reject(new Error(`the certificate reader exited (${code ?? signal})`));
    };
    const timer = setTimeout(() => {
      settle();
      retire(current);
      reject(new CertificateError("readTimedOut"));
    }, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({ job });
  });
}

async function run(job: ReadJob, timeoutMs: number): Promise<ReadReply> {
  clearTimeout(idleTimer);
  const current = (reader ??= startReader());
  try {
    hold(current.child, true);
    await current.ready;
    return await ask(current, job, timeoutMs);
  } catch (error) {
    retire(current);
    throw error;
  } finally {
    hold(current.child, false);
    idleTimer = setTimeout(() => retire(current), IDLE_MS).unref();
  }
}

/**
 * Reads an uploaded file in the reader process: the parsed chain (and key), or a CertificateError
 * with the problem; "readTimedOut" when it took longer than `timeoutMs`.
 */
export async function readCertificateFile<J extends ReadJob>(
  job: J,
  { timeoutMs = CERTIFICATE_READ_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ParsedFor<J>> {
  const turn = queue.then(() => run(job, timeoutMs));
  queue = turn.catch(() => undefined);
  const reply = await turn;
  if (!reply.ok) throw new CertificateError(reply.problem);
  return reply.parsed as ParsedFor<J>;
}
