import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Next.js enforces "server-only" at build time; in tests the marker has nothing to guard.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**", "e2e/**", "data/**", ".next*/**", "test-results*/**"],
          environment: "node",
          // Speed is measured in bench/, not here: a unit test that writes real files (xlsx, zip) must
          // not fail because the machine is busy.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          // next-auth imports "next/server" without an extension, which Node's ESM loader cannot resolve.
          server: { deps: { inline: ["next-auth"] } },
          exclude: ["node_modules/**", "e2e/**", "data/**", ".next*/**", "test-results*/**"],
          environment: "node",
          globalSetup: ["./testing/db/global-setup.ts"],
          setupFiles: ["./testing/db/setup-env.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
