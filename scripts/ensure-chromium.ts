/**
 * End-to-end tests drive a real Chromium. Playwright cannot download its own browser here, so
 * we use the system one (Debian's `chromium`), installing it when the machine lacks it and we
 * are allowed to (root with apt). CHROMIUM_PATH points at any other Chromium.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(command: string, args: string[]) {
  execFileSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

if (existsSync(path)) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is ${path}, but there is no file there.`);
  process.exit(1);
}
if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
  console.error(`No Chromium at ${path}. Install your distribution's chromium package, or set CHROMIUM_PATH.`);
  process.exit(1);
}
console.info("[e2e] installing Debian's chromium (once per machine)");
run("apt-get", ["update", "-qq"]);
run("apt-get", ["install", "-y", "-qq", "chromium"]);
