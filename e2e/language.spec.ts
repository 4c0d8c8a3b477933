import { expect, SUPPORT, test } from "./fixtures";

test.describe("language", () => {
  test("the browser's language is used before any choice", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: "ru-RU" });
    try {
      const page = await context.newPage();
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: "Вход" })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    } finally {
      await context.close();
    }
  });

  test("a user switches the console to German and back, without reloading by hand", async ({ signedInPage }) => {
    const page = await signedInPage(SUPPORT);
    await page.goto("/settings");
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await expect(nav.getByRole("link", { name: "Channels" })).toBeVisible();

    await page.getByLabel("Language").selectOption("de");
    await expect(page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Kanäle" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");

    // The choice sticks across pages and reloads.
    await page.goto("/channels");
    await expect(page.getByRole("heading", { level: 1, name: "Kanäle", exact: true })).toBeVisible();

    await page.goto("/settings");
    await page.getByLabel("Sprache").selectOption("en");
    await expect(page.getByRole("link", { name: "Channels" })).toBeVisible();
  });
});
