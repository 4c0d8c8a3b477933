import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/*
 * zod (classic, not tree-shaken) and @hookform/resolvers are about 49 KB compressed: no client
 * module may reach them through static imports, or every page showing it carries them in its first
 * load. Forms fetch them with import() (components/forms/lazy-resolver.ts); limits and option lists
 * the client shows live in zod-free modules (lib/validations/*-limits.ts, channels/{limits,variants}.ts).
 */

const root = path.resolve(import.meta.dirname, "../..");
const HEAVY = [/^zod(\/|$)/, /^@hookform\/resolvers(\/|$)/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  return ["", ".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => base + ext).find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

/** What a module imports or re-exports at run time: type-only imports and import() are left out. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly);
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

function directive(file: string): string | undefined {
  return /^\s*["']use (client|server)["']/.exec(readFileSync(file, "utf8"))?.[1];
}

/** The import chain from `entry` to zod or the resolvers, or null. Server action modules reach the client as references only. */
function heavyChain(entry: string): string[] | null {
  const parent = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of staticImports(file)) {
      const local = specifier.startsWith("@/") || specifier.startsWith(".") ? resolveLocal(file, specifier) : null;
      if (!local) {
        if (!HEAVY.some((pattern) => pattern.test(specifier))) continue;
        const chain = [specifier];
        for (let at: string | null = file; at; at = parent.get(at) ?? null) chain.push(path.relative(root, at));
        return chain;
      }
      if (parent.has(local) || directive(local) === "server") continue;
      parent.set(local, file);
      queue.push(local);
    }
  }
  return null;
}

describe("client first load", () => {
  const clientModules = ["app", "components", "lib"].flatMap((dir) => sourceFiles(path.join(root, dir))).filter((file) => directive(file) === "client");

  it("finds the client modules", () => {
    expect(clientModules.length).toBeGreaterThan(50);
  });

  it("no client module reaches zod or @hookform/resolvers through a static import", () => {
    const chains = clientModules.map(heavyChain).filter((chain) => chain !== null);
    expect(chains.map((chain) => chain.join(" <- "))).toEqual([]);
  });

  it("would see one that does", () => {
    // The check itself: a validations module with its schema reaches zod.
    expect(heavyChain(path.join(root, "lib/validations/skill-queues.ts"))?.[0]).toBe("zod");
  });
});
