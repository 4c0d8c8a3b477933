import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import compile from "icu-minify/compile";
import format, { type FormatValues } from "icu-minify/format";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import de from "./messages/de";
import en from "./messages/en";
import ru from "./messages/ru";
import zh from "./messages/zh";

/*
 * Inside the Next build every catalog is precompiled by icu-minify and formatted without the ICU
 * parser (next.config.ts); vitest and the export worker format the raw strings with it. These
 * tests hold the two to the same text, and keep every catalog the build formats under the folder
 * the build compiles.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const COMPILED_FOLDER = "lib/i18n/messages";
const catalogs = { en, zh, de, ru } as const;

function leaves(node: unknown, prefix = ""): [string, string][] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

type Arg = { kind: "text" | "count" | "number" | "date" | "tag" } | { kind: "select"; options: string[] };

// icu-minify's form: [name] an argument; [name, type, …] a typed one (1 select, 2 plural,
// 3 selectordinal, 4 number, 5 date, 6 time); [name, …children] a rich-text tag; 0 the plural's #.
function argsOf(node: unknown, found = new Map<string, Arg>()): Map<string, Arg> {
  if (!Array.isArray(node)) return found;
  const [head, type, ...rest] = node as unknown[];
  if (typeof head !== "string") {
    for (const child of node) argsOf(child, found);
    return found;
  }
  if (type === undefined) found.set(head, found.get(head) ?? { kind: "text" });
  else if (type === 1) {
    const options = rest[0] as Record<string, unknown>;
    found.set(head, { kind: "select", options: Object.keys(options) });
    for (const body of Object.values(options)) argsOf(body, found);
  } else if (type === 2 || type === 3) {
    found.set(head, { kind: "count" });
    for (const body of Object.values(rest[0] as Record<string, unknown>)) argsOf(body, found);
  } else if (type === 4) found.set(head, { kind: "number" });
  else if (type === 5 || type === 6) found.set(head, { kind: "date" });
  else {
    found.set(head, { kind: "tag" });
    for (const child of node.slice(1)) argsOf(child, found);
  }
  return found;
}

/** Value sets that walk every branch: each select option, and counts for every plural form. */
function valueSets(args: Map<string, Arg>): Record<string, unknown>[] {
  const base: Record<string, unknown> = {};
  const variants: Record<string, unknown>[] = [];
  for (const [name, arg] of args) {
    if (arg.kind === "text") base[name] = `‹${name}›`;
    else if (arg.kind === "number") base[name] = 12345.5;
    else if (arg.kind === "date") base[name] = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    else if (arg.kind === "tag") base[name] = (chunks: unknown) => `<${name}>${[chunks].flat().join("")}</${name}>`;
    else if (arg.kind === "count") {
      base[name] = 1;
      for (const n of [0, 2, 3, 5, 21, 1234.5]) variants.push({ [name]: n });
    } else if (arg.kind === "select") {
      base[name] = arg.options.find((o) => o !== "other") ?? "other";
      for (const option of arg.options) variants.push({ [name]: option === "other" ? "…another…" : option });
    }
  }
  return [base, ...variants.map((variant) => ({ ...base, ...variant }))];
}

const formatters = {
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
};

describe("precompiled catalogs", () => {
  for (const locale of LOCALES) {
    it(`format every ${locale} message, every branch, as the ICU parser does`, () => {
      const messages = leaves(catalogs[locale]);
      expect(messages.length).toBeGreaterThan(500);
      for (const [key, raw] of messages) {
        const compiled = compile(raw);
        const t = createTranslator({ locale, messages: { m: raw }, timeZone: "UTC", onError: (error) => { throw error; } });
        for (const values of valueSets(argsOf(compiled))) {
          const parsed = t.markup("m", values as never);
          const precompiled = format(compiled, locale, values as FormatValues<string>, { formatters, timeZone: "UTC" });
          expect([precompiled].flat().join(""), `${locale} ${key} ${JSON.stringify(values)}`).toBe(parsed);
        }
      }
    });
  }

  it("include every catalog a module of the app imports", () => {
    const sources = ["app", "components", "lib"].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    const outside: string[] = [];
    for (const file of sources) {
      for (const [, imported = ""] of readFileSync(file, "utf8").matchAll(/from "([^"]+\.json)"/g)) {
        const target = imported.startsWith("@/") ? path.join(ROOT, imported.slice(2)) : path.resolve(path.dirname(file), imported);
        const relative = path.relative(ROOT, target);
        if (relative.includes("i18n") && !relative.startsWith(`${COMPILED_FOLDER}/`)) outside.push(`${path.relative(ROOT, file)} → ${relative}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("are the folder next.config.ts hands next-intl's compiler", () => {
    const config = readFileSync(path.join(ROOT, "next.config.ts"), "utf8");
    expect(config).toMatch(new RegExp(`path: "\\./${COMPILED_FOLDER}".*precompile: true`));
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}
