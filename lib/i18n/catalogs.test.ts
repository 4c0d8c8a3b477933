import { createTranslator, type AbstractIntlMessages, type IntlError } from "next-intl";
import { describe, expect, it } from "vitest";
import type { Locale } from "./locales";
import de from "./messages/de";
import en from "./messages/en";
import ru from "./messages/ru";
import zh from "./messages/zh";

const catalogs: Record<Locale, unknown> = { en, zh, de, ru };
const translated = { zh, de, ru } as const;

/** Dotted path → value for every leaf of a nested catalog. */
function flatten(node: unknown, prefix = ""): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  if (node !== null && typeof node === "object" && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        for (const [p, v] of flatten(value, path)) leaves.set(p, v);
      } else {
        leaves.set(path, value);
      }
    }
  }
  return leaves;
}

const PLURAL_TYPES = new Set(["plural", "selectordinal", "select"]);

interface IcuSummary {
  /** Names of all arguments, including those nested inside plural/select option bodies. */
  names: Set<string>;
  /** For each plural/selectordinal argument, the keyword selectors it defines (not "=N"). */
  pluralSelectors: Map<string, Set<string>>;
}

/** A small ICU MessageFormat reader; handles nesting and apostrophe quoting ('{' and ''). */
function parseIcu(message: string): IcuSummary {
  const names = new Set<string>();
  const pluralSelectors = new Map<string, Set<string>>();
  let i = 0;

  const fail = (what: string): never => {
    throw new Error(`ICU parse error (${what}) at ${i} in ${JSON.stringify(message)}`);
  };
  const skipSpace = () => {
    while (i < message.length && /\s/.test(message[i]!)) i++;
  };
  const readWord = () => {
    const match = /^[^\s{},]+/.exec(message.slice(i));
    if (!match) fail("expected a name");
    i += match![0].length;
    return match![0];
  };

  // Reads message text until an unmatched "}" (left in place) or the end.
  const readText = (inPlural: boolean) => {
    while (i < message.length) {
      const c = message[i]!;
      if (c === "'") {
        const next = message[i + 1];
        if (next === "'") {
          i += 2;
        } else if (next === "{" || next === "}" || (inPlural && next === "#")) {
          const close = message.indexOf("'", i + 1);
          i = close === -1 ? message.length : close + 1;
        } else {
          i++;
        }
      } else if (c === "{") {
        i++;
        readArgument();
      } else if (c === "}") {
        return;
      } else {
        i++;
      }
    }
  };

  // After the opening "{" of an argument; consumes through its closing "}".
  const readArgument = () => {
    skipSpace();
    const name = readWord();
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) fail(`bad argument name ${name}`);
    names.add(name);
    skipSpace();
    if (message[i] === "}") {
      i++;
      return;
    }
    if (message[i] !== ",") fail("expected , or }");
    i++;
    skipSpace();
    const type = readWord();
    skipSpace();
    if (PLURAL_TYPES.has(type)) {
      if (message[i] !== ",") fail("expected , after plural/select type");
      i++;
      const selectors = new Set<string>();
      if (type !== "select") pluralSelectors.set(name, selectors);
      for (;;) {
        skipSpace();
        if (message[i] === "}") {
          i++;
          return;
        }
        const selector = readWord();
        if (selector.startsWith("offset:")) continue;
        if (!selector.startsWith("=")) selectors.add(selector);
        skipSpace();
        if (message[i] !== "{") fail(`expected { after selector ${selector}`);
        i++;
        readText(type !== "select");
        if (message[i] !== "}") fail("unclosed option body");
        i++;
      }
    }
    // number/date/time, optionally with a style: skip to the matching "}".
    let depth = 1;
    while (i < message.length && depth > 0) {
      if (message[i] === "{") depth++;
      else if (message[i] === "}") depth--;
      i++;
    }
    if (depth !== 0) fail("unclosed argument");
  };

  readText(false);
  if (i < message.length) fail("unmatched }");
  return { names, pluralSelectors };
}

function icuArgumentNames(message: string): Set<string> {
  return parseIcu(message).names;
}

// Arguments formatted as `{name, number}` in some catalog: they get numbers, the rest text.
const NUMERIC_ARGS = new Set(["page", "pageCount", "total", "count", "max"]);

function sampleValues(names: Iterable<string>, count: number): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const name of names) values[name] = NUMERIC_ARGS.has(name) ? count : `«${name}»`;
  return values;
}

const english = flatten(en);
const englishKeys = [...english.keys()].sort();

describe("icuArgumentNames", () => {
  it("finds plain and nested plural arguments", () => {
    expect(icuArgumentNames("Page {page} of {pageCount} · {total, plural, one {# item} other {# items}}")).toEqual(
      new Set(["page", "pageCount", "total"]),
    );
    expect(icuArgumentNames("{n, plural, =0 {none} other {# by {who}}}")).toEqual(new Set(["n", "who"]));
    expect(icuArgumentNames("It's '{literal}' and {real}")).toEqual(new Set(["real"]));
    expect(() => icuArgumentNames("broken {name")).toThrow();
    expect(parseIcu("{n, plural, =0 {none} one {# x} other {# xs}}").pluralSelectors).toEqual(
      new Map([["n", new Set(["one", "other"])]]),
    );
  });
});

describe.each(Object.entries(catalogs) as [Locale, unknown][])("message catalog %s", (locale, catalog) => {
  const leaves = flatten(catalog);

  it("has exactly the keys of en.json", () => {
    const missing = englishKeys.filter((key) => !leaves.has(key));
    const extra = [...leaves.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it("has a non-empty string for every key", () => {
    for (const [key, value] of leaves) {
      expect(typeof value, key).toBe("string");
      expect((value as string).trim(), key).not.toBe("");
    }
  });

  it("uses the same ICU arguments as English in every message", () => {
    for (const [key, value] of leaves) {
      const expected = english.get(key);
      if (typeof value !== "string" || typeof expected !== "string") continue;
      expect([...icuArgumentNames(value)].sort(), key).toEqual([...icuArgumentNames(expected)].sort());
    }
  });

  it("gives every plural exactly the plural categories of its language", () => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, value] of leaves) {
      if (typeof value !== "string") continue;
      for (const [name, selectors] of parseIcu(value).pluralSelectors) {
        expect([...selectors].sort(), `${key} {${name}}`).toEqual([...categories].sort());
      }
    }
  });

  it("formats every message with next-intl without errors", () => {
    const errors: string[] = [];
    const t = createTranslator({
      locale,
      messages: catalog as AbstractIntlMessages,
      timeZone: "UTC",
      onError: (error: IntlError) => errors.push(`${error.code}: ${error.message}`),
    });
    const translate = t as unknown as (key: string, values?: Record<string, string | number>) => string;
    for (const [key, value] of leaves) {
      const expected = english.get(key);
      if (typeof value !== "string" || typeof expected !== "string") continue;
      // The app passes the arguments the English message declares.
      const names = icuArgumentNames(expected);
      // Several counts, to exercise every plural category (ru: one/few/many/other).
      for (const count of [0, 1, 2, 5, 21, 1.5]) {
        const output = translate(key, sampleValues(names, count));
        expect(typeof output, key).toBe("string");
        expect(output.trim(), key).not.toBe("");
        expect(output, key).not.toContain(key);
        for (const name of names) {
          if (!NUMERIC_ARGS.has(name)) expect(output, key).toContain(`«${name}»`);
        }
      }
    }
    expect(errors).toEqual([]);
  });
});

describe.each(Object.entries(translated))("message catalog %s", (locale, catalog) => {
  it("is actually translated, not a copy of English", () => {
    const leaves = flatten(catalog);
    const comparable = englishKeys.filter((key) => !key.startsWith("locales.") && key !== "app.name");
    const same = comparable.filter((key) => leaves.get(key) === english.get(key));
    expect(same.length / comparable.length, `${locale}: untranslated ${same.join(", ")}`).toBeLessThanOrEqual(0.1);
  });

  it("keeps the product name and the language names unchanged", () => {
    const leaves = flatten(catalog);
    for (const key of englishKeys.filter((k) => k.startsWith("locales.") || k === "app.name")) {
      expect(leaves.get(key), key).toBe(english.get(key));
    }
  });
});
