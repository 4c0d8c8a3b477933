import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { twMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { cn } from "./utils";

const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx$/.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
  });
}

/** Every class the app hands cn() or a cva() base, or puts in a className (a primitive's override). */
function appClasses(): string[] {
  const classes = new Set<string>();
  for (const file of ["app", "components"].flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const source = readFileSync(file, "utf8");
    const lists = [
      ...[...source.matchAll(/\b(?:cn|cva)\(([\s\S]*?)\)\s*[}\n,;]/g)].flatMap(([, args = ""]) => [...args.matchAll(/"([^"]*)"/g)]),
      ...source.matchAll(/className="([^"]*)"/g),
      ...[...source.matchAll(/className=\{([^}]*)\}/g)].flatMap(([, expression = ""]) => [...expression.matchAll(/"([^"]*)"/g)]),
    ];
    for (const [, list = ""] of lists) for (const name of list.split(/\s+/)) if (/^[a-z!-][\w:\-[\]=./!&]*$/.test(name)) classes.add(name);
  }
  return [...classes].sort();
}

describe("cn", () => {
  it("lets a caller's class replace a primitive's base class of the same kind", () => {
    expect(cn("p-5 pt-0", "pt-5")).toBe("p-5 pt-5");
    expect(cn("px-3 py-2 text-left font-medium text-slate-600", "text-right")).toBe("px-3 py-2 font-medium text-slate-600 text-right");
    expect(cn("rounded-md border px-4 py-3 text-sm border-slate-200 bg-slate-50 text-slate-800", "border-2 text-base border-amber-300 bg-amber-50 text-amber-900")).toBe(
      "rounded-md px-4 py-3 border-2 text-base border-amber-300 bg-amber-50 text-amber-900",
    );
    expect(cn("flex h-9 w-full text-sm", "w-24 tabular-nums")).toBe("flex h-9 text-sm w-24 tabular-nums");
    expect(cn("hover:bg-slate-50", "bg-blue-50 hover:bg-blue-50")).toBe("bg-blue-50 hover:bg-blue-50");
    expect(cn("text-base font-semibold", "font-mono text-sm")).toBe("font-semibold font-mono text-sm");
    expect(cn("text-sm", false, undefined, ["text-xs", { hidden: true }])).toBe("text-xs hidden");
  });

  it("keeps classes of different kinds that share a prefix", () => {
    expect(cn("text-sm text-left text-slate-600")).toBe("text-sm text-left text-slate-600");
    expect(cn("border border-slate-300 border-b-2 outline-none outline-2 outline-blue-600")).toBe(
      "border border-slate-300 border-b-2 outline-none outline-2 outline-blue-600",
    );
    expect(cn("flex flex-col flex-wrap flex-1")).toBe("flex flex-col flex-wrap flex-1");
  });

  it("merges every pair of the app's classes as tailwind-merge's full default config does", () => {
    const classes = appClasses();
    expect(classes.length).toBeGreaterThan(150);
    const differing: string[] = [];
    for (const first of classes) {
      for (const second of classes) {
        if (first === second) continue;
        const pair = `${first} ${second}`;
        if (cn(pair) !== twMerge(pair)) differing.push(`${pair} → ${cn(pair)} (default config: ${twMerge(pair)})`);
      }
    }
    expect(differing).toEqual([]);
  });
});
