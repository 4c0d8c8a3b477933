import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readlinkSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { installBinaries, locateNativeBinaries } from "./embedded-binaries";
import { postgresUser, reaches } from "./embedded-layout";

const home = mkdtempSync(path.join(tmpdir(), "cc-private-binaries-")); // mode 700, like /root
// Like /var/lib/channel-console: a folder root creates in a parent every user can pass through.
const systemDir = path.join(mkdtempSync(path.join(tmpdir(), "cc-system-")), "channel-console");
chmodSync(path.dirname(systemDir), 0o755);
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(path.dirname(systemDir), { recursive: true, force: true });
});

const asRoot = process.getuid?.() === 0;
// Who runs PostgreSQL: the postgres user as root, else ourselves.
const runner = asRoot ? postgresUser() : { uid: process.getuid!(), gid: process.getgid!() };
const runPostgres = (bin: string) =>
  execFileSync(path.join(bin, "postgres"), ["--version"], { uid: runner.uid, gid: runner.gid, cwd: "/", encoding: "utf8" });

describe("installBinaries", () => {
  it("copies binaries from a folder PostgreSQL's user cannot reach to one it can, links kept, once", async () => {
    const native = await locateNativeBinaries();
    expect(native.version).toMatch(/^\d+\.\d+/);
    // node_modules of a clone in a private folder, extracted under a private umask.
    const hidden = { ...native, dir: path.join(home, "node_modules", "native") };
    cpSync(native.dir, hidden.dir, { recursive: true, verbatimSymlinks: true });
    chmodSync(path.join(hidden.dir, "share", "postgresql", "postgres.bki"), 0o600);
    const hiddenPostgres = path.join(hidden.dir, "bin", "postgres");
    if (asRoot) expect(reaches(runner, { execute: [hiddenPostgres] })).toBe(false);

    const installed = installBinaries(hidden, systemDir);
    expect(installed).toBe(path.join(systemDir, `pg-${native.version}`));
    expect(reaches(runner, { execute: [path.join(installed, "bin", "postgres")], read: [path.join(installed, "share", "postgresql", "postgres.bki")] })).toBe(true);
    expect(runPostgres(path.join(installed, "bin"))).toMatch(/^postgres \(PostgreSQL\) \d+/);
    expect(statSync(systemDir).mode & 0o777).toBe(0o755);
    // Relative links stay relative: the copy must not point back into the private folder.
    expect(readlinkSync(path.join(installed, "lib", "libpq.so.5"))).toMatch(/^libpq\.so\.5\.\d+$/);

    const marker = statSync(path.join(installed, ".complete")).mtimeMs;
    expect(installBinaries(hidden, systemDir)).toBe(installed);
    expect(statSync(path.join(installed, ".complete")).mtimeMs).toBe(marker);
  });

  it("replaces a copy that was never marked complete", async () => {
    const native = await locateNativeBinaries();
    const target = installBinaries(native, systemDir);
    rmSync(path.join(target, ".complete"));
    rmSync(path.join(target, "bin", "postgres"));
    expect(installBinaries(native, systemDir)).toBe(target);
    expect(existsSync(path.join(target, "bin", "postgres"))).toBe(true);
    expect(execFileSync("ls", [systemDir], { encoding: "utf8" }).trim()).toBe(`pg-${native.version}`); // no partial copies left
  });
});
