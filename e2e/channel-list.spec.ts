import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { seedBulk } from "./channel-helpers";
import {
  createTenant,
  createUser,
  expect,
  MESSAGES,
  signInAs,
  SUPPORT,
  TENANT_ADMIN,
  test,
  uniqueSuffix,
  waitForHydration,
} from "./fixtures";

/*
 * The channel list in the shared Demo tenant: every test seeds its own channels (names end in the
 * seed run's `_<run>`) and searches for them, so channels of specs running alongside never count.
 */

const PAGE_SIZE = 25;
/** The seed's variants in the order it cycles through them (channel n has variant n % 6). */
const VARIANTS = ["infobip", "other_basic", "other_oauth", "cloud_api", "twilio", "telegram"];
const seedName = (n: number, run: string) => `seed_${VARIANTS[n % 6]}_${String(n).padStart(6, "0")}_${run}`;

const rows = (page: Page) => page.getByTestId("channel-row");
const rowOf = (page: Page, name: string) => rows(page).filter({ has: page.getByRole("link", { name, exact: true }) });
const rowNames = (page: Page) => rows(page).locator("td:first-child a").allTextContents();
const filters = (page: Page) => page.getByRole("form", { name: "Search and filter channels" });
const pagination = (page: Page) => page.getByRole("navigation", { name: "Pages of channels" });
const header = (page: Page, column: string) => page.getByRole("columnheader").filter({ has: page.getByRole("link", { name: `Sort by ${column}` }) });

async function search(page: Page, q: string): Promise<void> {
  const form = filters(page);
  await waitForHydration(form.getByLabel("Status", { exact: true }));
  await form.getByLabel("Search by name", { exact: true }).fill(q);
  await form.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === q);
}

async function expectNames(page: Page, names: string[]): Promise<void> {
  await expect(rows(page)).toHaveCount(names.length);
  expect(await rowNames(page)).toEqual(names);
}

async function choose(page: Page, filter: "Type" | "Provider" | "Status", label: string, param: string, value: string): Promise<void> {
  const select: Locator = filters(page).getByLabel(filter, { exact: true });
  await waitForHydration(select);
  await select.selectOption({ label });
  await expect(page).toHaveURL((url) => url.searchParams.get(param) === value);
}

test.describe("channel list", () => {
  test("searches, filters, sorts and pages through a tenant's channels", async ({ signedInPage }) => {
    test.slow();
    const { run } = await seedBulk(30);
    const names = Array.from({ length: 30 }, (_, n) => seedName(n, run));
    const byName = [...names].sort();
    const page = await signedInPage(TENANT_ADMIN);
    await page.goto("/channels");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Channels");

    // Search: `_` is a character, not a wildcard, and so is `%`.
    await search(page, `_${run}`);
    await expectNames(page, byName.slice(0, PAGE_SIZE));
    await expect(pagination(page)).toContainText("30 channels");
    await expect(header(page, "Name")).toHaveAttribute("aria-sort", "ascending");

    // Keyset pages: Next, then Previous back to the same first page.
    await pagination(page).getByRole("link", { name: "Next", exact: true }).click();
    await expect(page).toHaveURL(/[?&]after=/);
    await expectNames(page, byName.slice(PAGE_SIZE));
    await expect(pagination(page).getByRole("link", { name: "Next", exact: true })).toHaveCount(0);
    await pagination(page).getByRole("link", { name: "Previous", exact: true }).click();
    await expect(page).toHaveURL(/[?&]before=/);
    await expectNames(page, byName.slice(0, PAGE_SIZE));
    await expect(pagination(page).getByRole("link", { name: "Previous", exact: true })).toHaveCount(0);

    // Sorting by a header flips the order; another column starts newest first. The search stays.
    await page.getByRole("link", { name: "Sort by Name", exact: true }).click();
    await expect(header(page, "Name")).toHaveAttribute("aria-sort", "descending");
    await expectNames(page, [...byName].reverse().slice(0, PAGE_SIZE));
    await page.getByRole("link", { name: "Sort by Created", exact: true }).click();
    await expect(header(page, "Created")).toHaveAttribute("aria-sort", "descending");
    await expect(header(page, "Name")).toHaveAttribute("aria-sort", "none");
    // The seed creates channel n before channel n + 1.
    await expectNames(page, [...names].reverse().slice(0, PAGE_SIZE));
    await pagination(page).getByRole("link", { name: "Next", exact: true }).click();
    await expectNames(page, [...names].reverse().slice(PAGE_SIZE));
    expect(new URL(page.url()).searchParams.get("q")).toBe(`_${run}`);

    // Filters apply when chosen and keep the search and the sort; they start again at the first page.
    await choose(page, "Status", "Disabled", "status", "disabled");
    expect(new URL(page.url()).searchParams.get("after")).toBeNull();
    expect(new URL(page.url()).searchParams.get("sort")).toBe("created");
    await expectNames(page, [seedName(29, run), seedName(19, run), seedName(9, run)]);
    for (const badge of await rows(page).getByTestId("channel-status").all()) await expect(badge).toHaveText("Disabled");
    await choose(page, "Status", "All statuses", "status", "");
    await choose(page, "Type", "Telegram", "type", "telegram");
    await expectNames(page, [29, 23, 17, 11, 5].map((n) => seedName(n, run)));
    await expect(rowOf(page, seedName(5, run)).getByRole("cell", { name: "Telegram · Telegram Bot API", exact: true })).toBeVisible();
    await choose(page, "Type", "All types", "type", "");
    await choose(page, "Provider", "Customer-built BSP", "provider", "other");
    await expect(rows(page)).toHaveCount(10);
    await expect(rowOf(page, seedName(2, run))).toContainText("WhatsApp · Customer-built BSP (oAuth)");
    await expect(rowOf(page, seedName(1, run))).toContainText("WhatsApp · Customer-built BSP (basic)");
    await expect(rowOf(page, seedName(1, run))).toContainText(/\+447\d+/);

    // Nothing matches: the empty state says so and offers to clear everything.
    await choose(page, "Status", "Disabled", "status", "disabled");
    await choose(page, "Provider", "Twilio", "provider", "twilio");
    await expect(rows(page)).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "No channel matches" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Clear filters" }).first().click();
    await expect(page).toHaveURL((url) => url.pathname === "/channels" && ["q", "type", "provider", "status"].every((key) => !url.searchParams.get(key)));
    await expect(filters(page).getByLabel("Search by name", { exact: true })).toHaveValue("");
    await expect(filters(page).getByLabel("Status", { exact: true })).toHaveValue("");
    await expect(filters(page).getByLabel("Provider", { exact: true })).toHaveValue("");
    // As a wildcard, % would match all thirty.
    await search(page, `seed%${run}`);
    await expect(page.getByRole("heading", { name: "No channel matches" })).toBeVisible();
    await expect(rows(page)).toHaveCount(0);

    // A hand-edited URL with values the list does not know still shows the list.
    const response = await page.goto(`/channels?q=_${run}&type=sms&status=paused&sort=phone&order=up&after=not-a-cursor&before=~~`);
    expect(response?.status()).toBe(200);
    await expectNames(page, byName.slice(0, PAGE_SIZE));
  });

  test("a tenant administrator disables, enables and deletes channels from the list", async ({ signedInPage }) => {
    test.slow();
    const { run } = await seedBulk(2);
    const [first, second] = [seedName(0, run), seedName(1, run)];
    const page = await signedInPage(TENANT_ADMIN);
    await page.goto(`/channels?q=_${run}`);
    await expectNames(page, [first, second]);
    const row = rowOf(page, first);
    const id = ((await row.getByRole("link", { name: first, exact: true }).getAttribute("href")) ?? "").replace("/channels/", "");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(row.getByRole("link", { name: `Edit ${first}`, exact: true })).toHaveAttribute("href", `/channels/${id}/edit`);
    await expect(page.getByRole("link", { name: "New channel", exact: true })).toHaveAttribute("href", "/channels/new");

    await waitForHydration(row.getByRole("button", { name: `Disable ${first}`, exact: true }));
    await row.getByRole("button", { name: `Disable ${first}`, exact: true }).click();
    await page.getByRole("dialog", { name: `Disable channel ${first}?` }).getByRole("button", { name: "Disable channel", exact: true }).click();
    await expect(row.getByTestId("channel-status")).toHaveText("Disabled");
    await row.getByRole("button", { name: `Enable ${first}`, exact: true }).click();
    await expect(row.getByTestId("channel-status")).toHaveText("Enabled");
    await expect(row.getByRole("button", { name: `Disable ${first}`, exact: true })).toBeEnabled();
    await expect(page.getByText(`Channel ${first} enabled.`)).toBeVisible();

    // Delete asks first, naming the channel; Cancel keeps it.
    await row.getByRole("button", { name: `Delete ${first}`, exact: true }).click();
    const confirm = page.getByRole("dialog", { name: `Delete channel ${first}?` });
    await expect(confirm).toContainText(`Delete channel ${first}? Its webhooks stop working at once.`);
    await confirm.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(row.getByRole("link", { name: `Edit ${first}` })).toBeVisible();
    await row.getByRole("button", { name: `Delete ${first}`, exact: true }).click();
    await confirm.getByRole("button", { name: "Delete channel", exact: true }).click();
    await expect(page.getByText(`Channel ${first} deleted.`)).toBeVisible();
    await expectNames(page, [second]);

    // Deleting the last one: its toast confirms it above the empty list.
    const last = rowOf(page, second);
    await last.getByRole("button", { name: `Delete ${second}`, exact: true }).click();
    await page.getByRole("dialog", { name: `Delete channel ${second}?` }).getByRole("button", { name: "Delete channel", exact: true }).click();
    await expect(page.getByText(`Channel ${second} deleted.`)).toBeVisible();
    await expect(page.getByRole("heading", { name: "No channel matches" })).toBeVisible();
    await page.reload();
    await expect(rows(page)).toHaveCount(0);

    // The deleted channel's own page is gone too, like any channel id that does not exist.
    for (const missing of [id, randomUUID()]) {
      const response = await page.goto(`/channels/${missing}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(MESSAGES.notFoundTitle);
    }
  });

  test("support staff see the list without any action", async ({ signedInPage }) => {
    const { run } = await seedBulk(1);
    const name = seedName(0, run);
    const page = await signedInPage(SUPPORT);
    await page.goto(`/channels?q=_${run}`);
    await expectNames(page, [name]);
    await expect(page.getByText("You can view the channels; tenant administrators change them.")).toBeVisible();
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: "New channel" })).toHaveCount(0);
    await expect(main.getByRole("link", { name: /^Edit / })).toHaveCount(0);
    await expect(main.getByRole("button", { name: /^(Disable|Enable|Delete) / })).toHaveCount(0);
    await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
    await expect(rowOf(page, name).getByRole("link", { name, exact: true })).toHaveAttribute("href", /^\/channels\/[0-9a-f-]{36}$/);
  });

  test("a new tenant's administrator is told how to create the first channel", async ({ systemAdminPage, browser, baseURL }) => {
    test.slow();
    const s = uniqueSuffix();
    const tenantName = `List ${s}`;
    await createTenant(systemAdminPage, tenantName);
    const admin = { email: `list-admin-${s}@example.com`, name: `List Admin ${s}`, role: "tenant_admin" as const, tenantName, password: `list-password-${s}` };
    await createUser(systemAdminPage, admin);

    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      await signInAs(page, admin);
      await page.goto("/channels");
      await expect(page.getByRole("heading", { name: "No channels yet" })).toBeVisible();
      await expect(page.getByRole("main").getByRole("link", { name: "Create your first channel" })).toHaveAttribute("href", "/channels/new");
      await expect(pagination(page)).toContainText("0 channels");
    } finally {
      await context.close();
    }
  });
});
