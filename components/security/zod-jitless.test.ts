import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

const ROOT = path.join(import.meta.dirname, "..", "..");

describe("ZodJitless", () => {
  it("turns zod's JIT off when zod loaded before it", async () => {
    const { z } = await import("zod");
    z.config({ jitless: false });
    vi.resetModules();
    await import("./zod-jitless");
    expect(z.config().jitless).toBe(true);
    expect(z.object({ a: z.string() }).parse({ a: "x" })).toEqual({ a: "x" });
  });

  it("turns zod's JIT off when zod loads after it (a fresh process: zod is loaded once per process)", () => {
    const script = 'await import("./components/security/zod-jitless.tsx"); const { z } = await import("zod"); console.log(String(z.config().jitless));';
    const out = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--input-type=module", "--eval", script], { cwd: ROOT, encoding: "utf8" });
    expect(out.trim()).toBe("true");
  });
});
