import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";
import { seedBulk, type BulkResult } from "./channel-helpers";
import { expect, TENANT_ADMIN, test, waitForHydration } from "./fixtures";

/*
 * Issue 17, improvement 6: the channel list by keyboard alone — Tab, Enter, Space, Escape, and no
 * mouse click. Filters, the export toolbar, selection checkboxes, row links and row actions come in
 * reading order with a visible focus; the confirmation dialog holds focus and gives it back; the
 * outcome is announced in the toasts' aria-live region, and Undo is reached with Alt+T.
 */

let bulk: BulkResult;

test.beforeAll(async () => {
  bulk = await seedBulk(2);
});

/** What has focus: its id, accessible label or text, so an order can be asserted. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return "body";
    return element.id ? `#${element.id}` : (element.getAttribute("aria-label") ?? element.textContent ?? "").trim();
  });
}

/** Whether the focused element of the page's content shows it: an outline or a ring (box-shadow). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    // The console's header and the notifications are not this page's work.
    if (!element.closest("main")) return true;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
  });
}

/** Presses Tab until `target` has focus (at most `limit` times), answering the stops on the way. */
async function tabTo(page: Page, target: string, limit = 60): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    stops.push(now);
    expect(await focusIsVisible(page), `focus on "${now}" should be visible`).toBe(true);
    if (now === target) return stops;
  }
  throw new Error(`Tab never reached "${target}"; stops: ${stops.join(" → ")}`);
}

const liveRegion = (page: Page) => page.locator('section[aria-live="polite"]');

test("filters, export, selection, row links and actions in order; disable with confirm, toast and undo; open a channel", async ({ signedInPage }) => {
  const page = await signedInPage(TENANT_ADMIN);
  await page.goto("/channels");
  await waitForHydration(page.locator("#channel-status"));
  await expectNoSeriousA11yViolations(page, "channel list");

  // The search: typed and sent with Enter.
  await tabTo(page, "#channel-search");
  await page.keyboard.type(`_${bulk.run}`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=_${bulk.run}`));
  const rows = page.getByTestId("channel-row");
  await expect(rows).toHaveCount(2);
  const first = bulk.firstName!;
  const row = rows.filter({ hasText: first });

  // A filter applies itself when changed with the arrow keys, and keeps the focus.
  await page.locator("#channel-status").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/[?&]status=enabled/);
  await expect(page.locator("#channel-status")).toBeFocused();
  await expect(rows).toHaveCount(2);
  // Back to every status, so a disabled channel stays in view below.
  await page.keyboard.press("ArrowUp");
  await expect(page).toHaveURL(/[?&]status=(&|$)/);
  await expect(page.locator("#channel-status")).toBeFocused();

  // From the filters on, in reading order: the export toolbar, the page's checkbox, then each row.
  const stops = await tabTo(page, `Delete ${first}`);
  const order = ["Export", "Select all channels on this page", `Select ${first}`, first, `Edit ${first}`, `Disable ${first}`, `Delete ${first}`];
  const positions = order.map((stop) => stops.indexOf(stop));
  expect(positions.every((position) => position >= 0), `every stop is reached: ${stops.join(" → ")}`).toBe(true);
  expect([...positions].sort((a, b) => a - b), `in reading order: ${stops.join(" → ")}`).toEqual(positions);

  // Space ticks a channel for the export.
  await row.getByRole("checkbox", { name: `Select ${first}` }).focus();
  await page.keyboard.press("Space");
  await expect(row.getByRole("checkbox", { name: `Select ${first}` })).toBeChecked();
  await expect(page.getByTestId("export-scope")).toHaveText("1 selected channel");

  // Disable: Enter opens the dialog on Cancel; Escape closes it and focus returns.
  const disable = row.getByRole("button", { name: `Disable ${first}`, exact: true });
  await disable.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Disable channel ${first}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel", exact: true })).toBeFocused();
  await expectNoSeriousA11yViolations(page, "channel list, disable confirmation");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(disable).toBeFocused();

  // Focus stays in the dialog however often Tab is pressed.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((element) => element.contains(document.activeElement)), "Tab stays in the dialog").toBe(true);
  }
  await dialog.getByRole("button", { name: "Disable channel", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(liveRegion(page)).toContainText(`Channel ${first} disabled`);
  await expect(row.getByTestId("channel-status")).toHaveText("Disabled");
  // The same button, now Enable, keeps the focus.
  await expect(row.getByRole("button", { name: `Enable ${first}`, exact: true })).toBeFocused();

  // Undo from the toast: Alt+T moves focus to the notifications, Tab reaches Undo, Enter runs it.
  await page.keyboard.press("Alt+KeyT");
  await tabTo(page, "Undo", 6);
  await page.keyboard.press("Enter");
  await expect(liveRegion(page)).toContainText(`Channel ${first} enabled.`);
  await expect(row.getByTestId("channel-status")).toHaveText("Enabled");

  // Delete: the dialog's Cancel, by keyboard, keeps the channel and gives focus back.
  const remove = row.getByRole("button", { name: `Delete ${first}`, exact: true });
  await remove.focus();
  await page.keyboard.press("Enter");
  const deleting = page.getByRole("dialog", { name: `Delete channel ${first}?` });
  await expect(deleting.getByRole("button", { name: "Cancel", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(deleting).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(rows).toHaveCount(2);

  // Enter on the row's link opens the channel.
  await row.getByRole("link", { name: first, exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first);
});
