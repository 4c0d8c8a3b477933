import { createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import en from "./messages/en";
import ru from "./messages/ru";
import { pickMessages } from "./pick-messages";

describe("pickMessages", () => {
  it("keeps only the asked namespaces", () => {
    const picked = pickMessages(en, ["nav", "channelWizard"]);
    expect(Object.keys(picked).sort()).toEqual(["channelWizard", "nav"]);
  });

  it("keeps each namespace whole, nested keys included", () => {
    const picked = pickMessages(ru, ["channelWizard", "pages"]);
    expect(picked.channelWizard).toStrictEqual(ru.channelWizard);
    expect(picked.pages.error.title).toBe(ru.pages.error.title);
    expect(picked.channelWizard.workTime).toStrictEqual(ru.channelWizard.workTime);
  });

  it("gives nothing for no namespaces, and far less than the catalog for one", () => {
    expect(pickMessages(en, [])).toEqual({});
    expect(JSON.stringify(pickMessages(en, ["nav"])).length).toBeLessThan(JSON.stringify(en).length / 50);
  });

  it("does not copy what a namespace-shaped key inherits", () => {
    const withProto = Object.create({ inherited: { a: "b" } }) as typeof en;
    expect(pickMessages(withProto, ["inherited" as never])).toEqual({});
  });

  it("leaves a namespace a page forgot to show as its key, reported, not thrown (next-intl's default onError)", () => {
    const reported = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const t = createTranslator({ locale: "en", messages: pickMessages(en, ["nav"]) as never });
    expect(t("nav.signOut" as never)).toBe("Sign out");
    expect(t("channelWizard.title.new" as never)).toBe("channelWizard.title.new");
    expect(reported).toHaveBeenCalled();
    reported.mockRestore();
  });
});
