/*
 * Reads the source (no bundler) to find which message namespaces the client side of a route file
 * uses: every module reachable from it through value imports, from the first "use client" file down.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.join(import.meta.dirname, "..", "..");

const EXTENSIONS = [".tsx", ".ts", "/index.tsx", "/index.ts"];

/** Value imports and re-exports of a module (type-only ones ship nothing to the browser). */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/g;
  for (const match of source.matchAll(pattern)) if (!match[2]) found.push(match[3]!);
  return found;
}

/** The file an import names, or undefined for a package. */
export function resolveImport(fromFile: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return undefined;
  if (existsSync(base) && statSync(base).isFile()) return base;
  const file = EXTENSIONS.map((extension) => base + extension).find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`${path.relative(ROOT, fromFile)}: cannot resolve ${specifier}`);
  return file;
}

export const isClientModule = (source: string) => /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(source);

/**
 * The namespaces a module's translation hooks read: the first segment of `useTranslations("x.y")`,
 * and, where a component takes the whole catalog (`useTranslations()`), of every string or
 * template literal that starts with a known namespace and a dot (keys like "ous.created" and
 * prefixes like `errors.${code}`). Anything else passed to useTranslations is an error.
 */
export function namespacesIn(withComments: string, known: readonly string[]): Set<string> {
  const source = withComments.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/[^\n]*/g, "$1");
  const used = new Set<string>();
  let wholeCatalog = false;
  for (const match of source.matchAll(/useTranslations\(([^)]*)\)/g)) {
    const argument = match[1]!.trim();
    if (argument === "") wholeCatalog = true;
    else {
      const literal = /^["']([A-Za-z0-9_]+)(?:\.[A-Za-z0-9_.]+)?["']$/.exec(argument);
      if (!literal) throw new Error(`useTranslations(${argument}): use a literal namespace so its messages can be picked`);
      used.add(literal[1]!);
    }
  }
  if (wholeCatalog) {
    for (const match of source.matchAll(/["'`]([A-Za-z0-9_]+)\./g)) if (known.includes(match[1]!)) used.add(match[1]!);
  }
  return used;
}

/** Namespaces used on the client side of `entry` (an app/ route file), with the files using each. */
export function clientNamespacesOf(entry: string, known: readonly string[]): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  const seen = new Map<string, boolean>();
  const visit = (file: string, client: boolean) => {
    // A module seen as server code may still be reached again from client code.
    if (seen.get(file) === true || (seen.has(file) && !client)) return;
    seen.set(file, client);
    if (!/\.tsx?$/.test(file)) return;
    const source = readFileSync(file, "utf8");
    const onClient = client || isClientModule(source);
    if (onClient) {
      for (const namespace of namespacesIn(source, known)) {
        if (!result.has(namespace)) result.set(namespace, new Set());
        result.get(namespace)!.add(path.relative(ROOT, file));
      }
    }
    for (const specifier of importsOf(source)) {
      const target = resolveImport(file, specifier);
      if (target) visit(target, onClient);
    }
  };
  visit(entry, false);
  return result;
}
