import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  // shadcn-style primitives stay as generated; generated migrations and build output are not ours to lint.
  globalIgnores([".next/**", ".next-*/**", "test-results*/**", "node_modules/**", "data/**", "db/migrations/**", "components/ui/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
