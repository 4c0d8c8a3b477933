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
 * prefixes like `errors.${code}`); in any client module, with `catalog`, every string literal that
 * names a catalog entry. Anything else passed to useTranslations is an error.
 */
export function namespacesIn(withComments: string, known: readonly string[], catalog?: object): Set<string> {
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
  // Error codes are full catalog keys written in schemas ("serviceTime.validation.segmentOverlap")
  // and shown by the form kit's useTranslations(): any literal naming a catalog entry counts.
  if (catalog) for (const namespace of catalogKeysIn(source, catalog)) used.add(namespace);
  return used;
}

function hasPath(catalog: object, dotted: string): boolean {
  let node: unknown = catalog;
  for (const part of dotted.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

const isServerActionModule = (source: string) => /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source);

type Side = "server" | "client" | "action";

/**
 * Namespaces used on the client side of `entry` (an app/ route file), with the files using each:
 * what its client modules translate, and the error codes its server actions can answer (catalog
 * keys written anywhere the actions reach, below db/), which the forms translate.
 * `serverLabels` are modules whose catalog keys are translated on the server only.
 */
export function clientNamespacesOf(entry: string, catalog: object, serverLabels: readonly string[] = []): Map<string, Set<string>> {
  const known = Object.keys(catalog);
  const result = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const add = (namespaces: Iterable<string>, file: string) => {
    for (const namespace of namespaces) {
      if (!result.has(namespace)) result.set(namespace, new Set());
      result.get(namespace)!.add(path.relative(ROOT, file));
    }
  };
  const visit = (file: string, side: Side) => {
    if (seen.has(`${side}:${file}`) || !/\.tsx?$/.test(file)) return;
    seen.add(`${side}:${file}`);
    const source = readFileSync(file, "utf8");
    let next: Side = side;
    if (side === "server" && isClientModule(source)) next = "client";
    if (side === "server" && isServerActionModule(source)) next = "action";
    if (next === "client") {
      // Schemas name their error codes as catalog keys; elsewhere (role tables, say) a key-shaped
      // literal is usually translated on the server, so only translating modules count there.
      const readsKeys = file.includes(`${path.sep}lib${path.sep}validations${path.sep}`) || source.includes("useTranslations(");
      add(namespacesIn(source, known, readsKeys ? catalog : undefined), file);
    }
    if (next === "action") {
      if (file.includes(`${path.sep}db${path.sep}`) || serverLabels.includes(path.relative(ROOT, file))) return;
      add(catalogKeysIn(source, catalog), file);
    }
    for (const specifier of importsOf(source)) {
      const target = resolveImport(file, specifier);
      if (target) visit(target, next);
    }
  };
  visit(entry, "server");
  return result;
}

/** Namespaces of the string literals in `source` that name a catalog entry. */
export function catalogKeysIn(source: string, catalog: object): Set<string> {
  const used = new Set<string>();
  for (const match of source.matchAll(/["'`]([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)["'`]/g)) {
    if (hasPath(catalog, match[1]!)) used.add(match[1]!.split(".")[0]!);
  }
  return used;
}
