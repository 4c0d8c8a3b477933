import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * Layers: app → (components, lib) → db, nothing pointing back up; testing/ (test and development
 * tooling) may use every layer, the product none of it. Both the "@/" alias and relative paths
 * are caught. eslint-boundaries.test.ts proves the rule fires.
 */
const importsOf = (folders) => ({ regex: `^(@/|(\\.\\./)+)(${folders.join("|")})(/|$)` });
const layerRule = (folders, message) => ["error", { patterns: [{ ...importsOf(folders), message }] }];
export const LAYER_RULES = {
  db: layerRule(["lib", "components", "app", "testing"], "db/ is the bottom layer: it imports nothing from lib/, components/, app/ or testing/ (pass rules in as arguments)."),
  dbTests: layerRule(["lib", "components", "app"], "db/ tests may use testing/, never lib/, components/ or app/ (a test that wires a lib/ rule into a query lives beside that rule in lib/)."),
  lib: layerRule(["components", "app", "testing"], "lib/ holds domain logic: it imports nothing from components/, app/ or testing/ (move the loader or type down)."),
  libTests: layerRule(["components", "app"], "lib/ tests may use testing/, never components/ or app/."),
  product: layerRule(["testing"], "testing/ is test and development tooling: app/ and components/ never import it."),
};

/** Components render what the page or lib/ loaded: they may name db's types, never run a query. */
export const COMPONENT_DATA_RULE = [
  "error",
  {
    patterns: [
      {
        regex: "^@/db(/client|/queries(/.*)?)?$",
        allowTypeImports: true,
        message: "Components do not load data: read it in the page or in lib/ and pass it in as props (type imports are fine).",
      },
    ],
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  { files: ["db/**/*.{ts,tsx}"], ignores: ["db/**/*.test.ts"], rules: { "no-restricted-imports": LAYER_RULES.db } },
  { files: ["db/**/*.test.ts"], rules: { "no-restricted-imports": LAYER_RULES.dbTests } },
  { files: ["lib/**/*.{ts,tsx}"], ignores: ["lib/**/*.test.ts"], rules: { "no-restricted-imports": LAYER_RULES.lib } },
  { files: ["lib/**/*.test.ts"], rules: { "no-restricted-imports": LAYER_RULES.libTests } },
  { files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"], ignores: ["**/*.test.ts"], rules: { "no-restricted-imports": LAYER_RULES.product } },
  { files: ["components/**/*.{ts,tsx}"], ignores: ["**/*.test.ts"], rules: { "@typescript-eslint/no-restricted-imports": COMPONENT_DATA_RULE } },
  // shadcn-style primitives stay as generated; generated migrations and build output are not ours to lint.
  globalIgnores([".next/**", ".next-*/**", "test-results*/**", "node_modules/**", "data/**", "db/migrations/**", "components/ui/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
