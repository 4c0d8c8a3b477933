import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { installBinaries, locateNativeBinaries } from "./embedded-binaries";
import { EmbeddedStartError } from "./embedded-errors";

/** Where root keeps what the postgres user must reach when the console's folder is private. */
export const DEFAULT_SYSTEM_DIR = "/var/lib/channel-console";

export interface RunAs {
  uid: number;
  gid: number;
}

export interface Layout {
  /** PostgreSQL's bin/ folder. */
  binDir: string;
  /** The cluster (PGDATA). */
  pgdata: string;
  /** Set when we are root: PostgreSQL refuses to run as root, so it runs as the postgres user. */
  runAs: RunAs | null;
  /** What had to move out of the data folder, for the start script to say so. */
  relocated: { binaries?: string; cluster?: string };
}

/**
 * Decides where the binaries and the cluster live. As any other user, and as root when the
 * postgres user can reach them, that is where they are today: node_modules and `<dir>/pg`. As root
 * in a private folder (a clone in /root, mode 700), the binaries are copied once into `systemDir`
 * and the cluster lives in `systemDir/clusters/<hash of dir>/pg`, with `<dir>/pg` a symbolic link
 * to it; the data folder keeps the password and the keys, readable by root only.
 */
export async function prepareLayout(dir: string, systemDir: string): Promise<Layout> {
  const native = await locateNativeBinaries();
  mkdirSync(dir, { recursive: true });
  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  if (!runAs) return { binDir: path.join(native.dir, "bin"), pgdata: path.join(dir, "pg"), runAs, relocated: {} };

  const relocated: Layout["relocated"] = {};
  let binDir = path.join(native.dir, "bin");
  if (!reachesBinaries(runAs, native.dir)) {
    const copy = withSystemDir(systemDir, () => installBinaries(native, systemDir));
    if (!reachesBinaries(runAs, copy)) throw systemDirUnreachable(systemDir);
    binDir = path.join(copy, "bin");
    relocated.binaries = copy;
  }

  const pointer = path.join(dir, "pg");
  const entry = lstatOrNull(pointer);
  if (entry?.isSymbolicLink()) return { binDir, pgdata: readlinkSync(pointer), runAs, relocated: { ...relocated, cluster: readlinkSync(pointer) } };
  if (reaches(runAs, { execute: [path.dirname(path.resolve(dir))] })) {
    // Today's layout: PostgreSQL only has to pass through the data folder to its own.
    chmodSync(dir, 0o755);
    return { binDir, pgdata: pointer, runAs, relocated };
  }
  if (entry) {
    throw new EmbeddedStartError(
      "unreachable",
      `the postgres user can no longer reach the cluster in ${pointer}: move the data folder where every user can pass ` +
        "through its parents (or make them traversable), then start again.",
    );
  }
  const pgdata = withSystemDir(systemDir, () => placeCluster(dir, systemDir));
  if (!reaches(runAs, { execute: [path.dirname(pgdata)] })) throw systemDirUnreachable(systemDir);
  symlinkSync(pgdata, pointer);
  return { binDir, pgdata, runAs, relocated: { ...relocated, cluster: pgdata } };
}

/** The folder of a data folder's cluster under systemDir: stable for a path, distinct between paths. */
export function clusterHome(systemDir: string, dataDir: string): string {
  const hash = createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  return path.join(systemDir, "clusters", hash);
}

function placeCluster(dir: string, systemDir: string): string {
  const realDir = realpathSync(dir);
  const home = clusterHome(systemDir, realDir);
  // A cluster here whose data folder has no link to it lost its password and keys with that folder.
  if (existsSync(home)) {
    if (clusterRunning(path.join(home, "pg"))) {
      throw new EmbeddedStartError("already-running", `the embedded PostgreSQL of ${dir} is already running from ${home}: stop it first.`);
    }
    rmSync(home, { recursive: true, force: true });
  }
  for (const folder of [systemDir, path.dirname(home), home]) {
    mkdirSync(folder, { recursive: true, mode: 0o755 });
    chmodSync(folder, 0o755);
  }
  writeFileSync(path.join(home, "README"), `The embedded PostgreSQL cluster of ${realDir} (${realDir}/pg links here).\n`, { mode: 0o644 });
  return path.join(home, "pg");
}

function clusterRunning(pgdata: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const systemDirUnreachable = (systemDir: string) =>
  new EmbeddedStartError(
    "unreachable",
    `the postgres user cannot reach ${systemDir} either: set EMBEDDED_PG_SYSTEM_DIR to a folder every user can pass through (the default is ${DEFAULT_SYSTEM_DIR}).`,
  );

function withSystemDir<T>(systemDir: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EmbeddedStartError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new EmbeddedStartError(
      "unreachable",
      `PostgreSQL runs as the postgres user, who cannot reach this folder, and preparing ${systemDir} for it failed (${code}): ` +
        "set EMBEDDED_PG_SYSTEM_DIR to a folder root can write and every user can pass through, or run the console from such a folder.",
    );
  }
}

/** The postgres system user, created on first use the way Debian's postgresql package would. */
export function postgresUser(): RunAs {
  const lookup = () => {
    try {
      const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
      return { uid: id("-u"), gid: id("-g") };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  const created = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/var/lib/postgresql", "--shell", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
  const user = lookup();
  if (!user) {
    throw new EmbeddedStartError(
      "unreachable",
      `PostgreSQL refuses to run as root and there is no postgres user to run it as (useradd: ${(created.stderr || created.error?.message || "failed").trim()}): ` +
        "create one (useradd --system --user-group postgres), or run npm start as another user.",
    );
  }
  return user;
}

function reachesBinaries(user: RunAs, dir: string): boolean {
  const bin = path.join(dir, "bin");
  return reaches(user, { execute: [path.join(bin, "postgres"), path.join(bin, "initdb")], read: [path.join(dir, "share", "postgresql", "postgres.bki")] });
}

/** Asks the kernel, as the postgres user, whether it can execute / read these paths. */
export function reaches(user: RunAs, paths: { execute?: string[]; read?: string[] }): boolean {
  const tests = [...(paths.execute ?? []).map((p) => ["-x", p]), ...(paths.read ?? []).map((p) => ["-r", p])];
  const script = tests.map((_, i) => `test ${tests[i]![0]} "$${i + 1}"`).join(" && ");
  const result = spawnSync("/bin/sh", ["-c", script, "sh", ...tests.map((t) => t[1]!)], { uid: user.uid, gid: user.gid, cwd: "/", stdio: "ignore" });
  return result.status === 0;
}

/** Gives the postgres user a folder of its own (PostgreSQL wants its cluster 700 and its own). */
export function ownFolder(folder: string, user: RunAs | null) {
  mkdirSync(path.dirname(folder), { recursive: true, mode: 0o755 });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (user) chownSync(folder, user.uid, user.gid);
  chmodSync(folder, 0o700);
}

function lstatOrNull(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}
