import { describe, expect, it } from "vitest";
import type { ApiName } from "./apis";
import { formatScope, grantScope } from "./scope";

const app: ApiName[] = ["telegram_north", "sendWhatsappMessage"];

describe("grantScope", () => {
  it("grants every API of the app when no scope is requested, in canonical order", () => {
    expect(grantScope(undefined, app)).toEqual(["sendWhatsappMessage", "telegram_north"]);
    expect(grantScope("", app)).toEqual(["sendWhatsappMessage", "telegram_north"]);
    expect(grantScope("   ", app)).toEqual(["sendWhatsappMessage", "telegram_north"]);
  });

  it("grants a subset of the app's APIs, without repeats", () => {
    expect(grantScope("telegram_north", app)).toEqual(["telegram_north"]);
    expect(grantScope("telegram_north  sendWhatsappMessage telegram_north", app)).toEqual(["sendWhatsappMessage", "telegram_north"]);
  });

  it.each([
    ["an API the app does not subscribe to", "file_download"],
    ["one good and one foreign API", "telegram_north file_download"],
    ["an unknown name", "admin"],
    ["a name in the wrong case", "TELEGRAM_NORTH"],
    ["a comma list", "telegram_north,sendWhatsappMessage"],
    ["a tab separator", "telegram_north\tsendWhatsappMessage"],
  ])("refuses %s", (_case, scope) => {
    expect(grantScope(scope, app)).toBeNull();
  });
});

describe("formatScope", () => {
  it("joins API names with single spaces", () => {
    expect(formatScope(["sendWhatsappMessage", "file_download"])).toBe("sendWhatsappMessage file_download");
  });
});
