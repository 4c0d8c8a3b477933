import { describe, expect, it } from "vitest";
import { resolveLocale } from "./locales";

describe("resolveLocale", () => {
  it("prefers the explicit cookie choice", () => {
    expect(resolveLocale("de", "zh-CN,zh;q=0.9")).toBe("de");
  });

  it("ignores an unsupported cookie value and falls back to the browser", () => {
    expect(resolveLocale("xx", "ru-RU,ru;q=0.9,en;q=0.5")).toBe("ru");
  });

  it("honours q-values rather than order", () => {
    expect(resolveLocale(undefined, "fr;q=1,en;q=0.4,zh-TW;q=0.8")).toBe("zh");
  });

  it("falls back to English for nothing usable", () => {
    expect(resolveLocale(undefined, null)).toBe("en");
    expect(resolveLocale(undefined, "fr-FR,es;q=0.8")).toBe("en");
    expect(resolveLocale(undefined, "de;q=0")).toBe("en");
  });
});
