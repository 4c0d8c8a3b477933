import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientNamespacesOf, namespacesIn, ROOT } from "@/testing/i18n/client-modules";
import { CLIENT_NAMESPACES, type MessagesRoute } from "./client-namespaces";
import en from "./messages/en";

const KNOWN = Object.keys(en);
const APP = path.join(ROOT, "app");
const ROUTE_FILE = /^(page|layout|error|not-found|forbidden|loading|template|default)\.tsx$/;
// Brings its own English strings: it replaces the root layout, so no provider is above it.
const OWN_PROVIDER = "global-error";
// Section labels: catalog keys the settings and system layouts translate on the server.
const SERVER_LABELS = ["lib/auth/roles.ts"];

function routeFiles(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return ROUTE_FILE.test(entry.name) ? [full] : [];
  });
}

const keyOf = (file: string) => path.relative(APP, file).replace(/\.tsx$/, "");
const provides = (key: string): readonly string[] | undefined => CLIENT_NAMESPACES[key as MessagesRoute];

/** The namespaces of the provider a route file renders under: its own, else its nearest layout's. */
function providerOf(key: string): { key: string; namespaces: readonly string[] } {
  if (provides(key)) return { key, namespaces: provides(key)! };
  let dir = path.dirname(key);
  // A layout does not render under itself; every other route file renders under its folder's layout.
  if (path.basename(key) === "layout") dir = dir === "." ? "" : path.dirname(dir);
  for (;;) {
    const layout = dir === "." || dir === "" ? "layout" : `${dir}/layout`;
    if (provides(layout)) return { key: layout, namespaces: provides(layout)! };
    if (layout === "layout") return { key: "(none)", namespaces: [] };
    dir = path.dirname(dir);
  }
}

describe("client message namespaces", () => {
  it("every namespace a route file's client components use is handed to them", () => {
    const missing: string[] = [];
    for (const file of routeFiles()) {
      const key = keyOf(file);
      if (key === OWN_PROVIDER) continue;
      const provider = providerOf(key);
      for (const [namespace, users] of clientNamespacesOf(file, en, SERVER_LABELS)) {
        if (!provider.namespaces.includes(namespace)) missing.push(`${key}: "${namespace}" (used by ${[...users].join(", ")}) is not in ${provider.key}'s list`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("each listed route file renders its own provider, and every JSX return of its page is inside one", () => {
    for (const key of Object.keys(CLIENT_NAMESPACES)) {
      const source = readFileSync(path.join(APP, `${key}.tsx`), "utf8");
      expect(source, key).toContain(`<ClientMessages route="${key}">`);
      expect([...source.matchAll(/<ClientMessages route="([^"]+)"/g)].map((m) => m[1]), key).toEqual(expect.arrayContaining([key]));
      // A layout's provider may sit inside its <html>/<body>; a page's wraps all it returns.
      if (!key.endsWith("page")) continue;
      const body = source.slice(source.indexOf("export default"));
      for (const match of body.matchAll(/\n {2,4}return \(\n\s*(<[^\s>]*)/g)) expect(match[1], `${key}: a return outside <ClientMessages>`).toBe("<ClientMessages");
    }
  });

  it("lists only namespaces the catalog has, each once", () => {
    for (const [key, namespaces] of Object.entries(CLIENT_NAMESPACES)) {
      expect(new Set(namespaces).size, key).toBe(namespaces.length);
      for (const namespace of namespaces) expect(KNOWN, key).toContain(namespace);
    }
  });

  it("global-error's own messages cover what it uses", () => {
    const file = path.join(APP, `${OWN_PROVIDER}.tsx`);
    const own = JSON.parse(readFileSync(path.join(ROOT, "lib/i18n/messages/global-error.en.json"), "utf8")) as Record<string, unknown>;
    for (const namespace of clientNamespacesOf(file, en).keys()) expect(Object.keys(own)).toContain(namespace);
  });
});

describe("the source scan", () => {
  it("reads a namespace from useTranslations, down to its first segment", () => {
    expect([...namespacesIn(`const t = useTranslations("channelWizard.basic");`, KNOWN)]).toEqual(["channelWizard"]);
  });

  it("reads the whole-catalog keys a component names, comments aside", () => {
    const source = `// "ous.errors.inUse" in a comment\nconst t = useTranslations();\nt("users.email"); const k = \`errors.\${code}\`;`;
    expect([...namespacesIn(source, KNOWN)].sort()).toEqual(["errors", "users"]);
  });

  it("reads the catalog keys a schema names as error codes, and nothing that only looks like one", () => {
    const source = `z.string().refine(ok, "serviceTime.validation.segmentOverlap"); const host = "channels.example.com";`;
    expect([...namespacesIn(source, KNOWN, en)]).toEqual(["serviceTime"]);
  });

  it("counts the error codes a page's server actions can answer (the channel list's export refusals)", () => {
    const list = clientNamespacesOf(path.join(APP, "(console)/channels/page.tsx"), en, SERVER_LABELS);
    expect([...(list.get("exports") ?? [])].some((file) => file.startsWith("lib/exports/"))).toBe(true);
  });

  it("refuses a namespace it cannot read", () => {
    expect(() => namespacesIn(`useTranslations(namespace)`, KNOWN)).toThrow(/literal namespace/);
  });

  it("catches a provider that misses a namespace (the wizard without channelWizard)", () => {
    const wizard = path.join(APP, "(console)/channels/new/page.tsx");
    const used = [...clientNamespacesOf(wizard, en, SERVER_LABELS).keys()];
    expect(used).toContain("channelWizard");
    expect(used.filter((namespace) => namespace !== "channelWizard").every((n) => CLIENT_NAMESPACES["(console)/channels/new/page"].includes(n as never))).toBe(true);
  });
});
