import type { Locator, Page } from "@playwright/test";
import { expect, submitForm, SUPPORT, TENANT_ADMIN, test, uniqueSuffix, waitForHydration } from "./fixtures";

const PATH = "/settings/service-time";

function timeZoneForm(page: Page): Locator {
  return page.locator("form").filter({ has: page.getByLabel("Time zone", { exact: true }) });
}

function addForm(page: Page): Locator {
  return page.getByRole("form", { name: "Add a non-working day" });
}

/** A day cell of the month view. */
function dayCell(page: Page, date: string): Locator {
  return page.getByTestId("month-calendar").locator(`td[data-date="${date}"]`);
}

function dayRow(page: Page, label: string): Locator {
  return page.getByTestId("non-working-day-row").filter({ hasText: label });
}

async function addNonWorkingDay(page: Page, day: { startDate: string; endDate?: string; label: string }): Promise<void> {
  const form = addForm(page);
  await waitForHydration(form);
  await form.getByLabel("Date", { exact: true }).fill(day.startDate);
  await form.getByLabel("Last day of the range", { exact: true }).fill(day.endDate ?? "");
  await form.getByLabel("Label", { exact: true }).fill(day.label);
  await submitForm(page, form, "Add");
  await expect(form.getByRole("status")).toHaveText(`${day.label} added.`);
  // The page shows the month of the new day.
  await expect(page).toHaveURL(new RegExp(`month=${day.startDate.slice(0, 7)}`));
}

async function setTimeZone(page: Page, timeZone: string): Promise<void> {
  const form = timeZoneForm(page);
  await waitForHydration(form);
  await form.getByLabel("Time zone", { exact: true }).selectOption(timeZone);
  await submitForm(page, form, "Save");
  await expect(form.getByRole("status")).toHaveText(/Time zone saved\.|The time zone was already/);
}

const todayIn = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());

test.describe("service time", () => {
  test("a tenant administrator sets the time zone, and today follows it", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    await page.goto(PATH);
    await expect(page.getByRole("heading", { name: "Service time", level: 1 })).toBeVisible();
    await setTimeZone(page, "Pacific/Kiritimati");
    await page.reload();
    await expect(timeZoneForm(page).getByLabel("Time zone", { exact: true })).toHaveValue("Pacific/Kiritimati");
    await expect(page.locator('[aria-current="date"]')).toHaveAttribute("data-date", todayIn("Pacific/Kiritimati"));

    await page.goto("/settings/audit");
    await expect(page.getByTestId("audit-row").filter({ hasText: "serviceTime.updateTimeZone" }).first()).toBeVisible();

    // Leave the shared demo tenant on its default zone.
    await page.goto(PATH);
    await setTimeZone(page, "UTC");
    await expect(page.locator('[aria-current="date"]')).toHaveAttribute("data-date", todayIn("UTC"));
  });

  test("a tenant administrator adds a single day and a range, sees them in the month view, and deletes one", async ({
    signedInPage,
  }) => {
    const page = await signedInPage(TENANT_ADMIN);
    const suffix = uniqueSuffix();
    await page.goto(PATH);

    // A single day and a range that runs into the next year.
    const single = `Founders Day ${suffix}`;
    const range = `Year-end shutdown ${suffix}`;
    await addNonWorkingDay(page, { startDate: "2031-12-08", label: single });
    await addNonWorkingDay(page, { startDate: "2031-12-29", endDate: "2032-01-02", label: range });

    await expect(page.getByTestId("calendar-month")).toHaveText("December 2031");
    await expect(dayCell(page, "2031-12-08")).toHaveAttribute("data-non-working", "true");
    await expect(dayCell(page, "2031-12-08")).toContainText(single);
    for (const date of ["2031-12-29", "2031-12-30", "2031-12-31", "2032-01-01", "2032-01-02"]) {
      await expect(dayCell(page, date)).toContainText(range);
    }
    await expect(dayCell(page, "2031-12-07")).not.toHaveAttribute("data-non-working");
    await expect(dayCell(page, "2031-12-28")).not.toHaveAttribute("data-non-working");
    await expect(dayCell(page, "2032-01-03")).not.toHaveAttribute("data-non-working");
    // Weeks start on Monday: 2031-12-01 is a Monday, the first cell of the grid.
    await expect(page.getByTestId("month-calendar").locator("td").first()).toHaveAttribute("data-date", "2031-12-01");
    await expect(page.getByTestId("month-calendar").locator("th").first()).toHaveText("Mon");

    await expect(dayRow(page, single)).toContainText("1 day");
    await expect(dayRow(page, range)).toContainText("5 days");

    // The next month shows the rest of the range.
    await page.getByRole("link", { name: "Next month" }).click();
    await expect(page.getByTestId("calendar-month")).toHaveText("January 2032");
    await expect(page).toHaveURL(/month=2032-01/);
    await expect(dayCell(page, "2032-01-02")).toContainText(range);
    await expect(page.getByText("2 non-working days in January 2032.")).toBeVisible();

    // Delete the single day: gone from the list and from the calendar.
    await page.goto(`${PATH}?month=2031-12`);
    await waitForHydration(addForm(page));
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined),
      page.getByRole("button", { name: `Delete ${single}`, exact: true }).click(),
    ]);
    await expect(dayRow(page, single)).toHaveCount(0);
    await expect(dayCell(page, "2031-12-08")).not.toHaveAttribute("data-non-working");
    await expect(dayRow(page, range)).toHaveCount(1);

    // Every change is in the audit log.
    await page.goto("/settings/audit");
    for (const action of ["serviceTime.addNonWorkingDay", "serviceTime.deleteNonWorkingDay"]) {
      await expect(page.getByTestId("audit-row").filter({ hasText: action }).first()).toBeVisible();
    }
  });

  test("a range whose last day is before its first day is refused next to the field", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    const label = `Backwards ${uniqueSuffix()}`;
    await page.goto(PATH);
    const form = addForm(page);
    await waitForHydration(form);
    await form.getByLabel("Date", { exact: true }).fill("2031-11-20");
    await form.getByLabel("Last day of the range", { exact: true }).fill("2031-11-10");
    await form.getByLabel("Label", { exact: true }).fill(label);
    await form.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.locator("#field-endDate-error")).toHaveText("The last day cannot be before the first day.");
    await expect(form.getByLabel("Last day of the range", { exact: true })).toHaveAttribute("aria-invalid", "true");
    // Nothing typed is lost, and nothing was stored.
    await expect(form.getByLabel("Label", { exact: true })).toHaveValue(label);
    await page.reload();
    await expect(dayRow(page, label)).toHaveCount(0);
  });

  test("support staff read the calendar without edit controls", async ({ signedInPage }) => {
    const admin = await signedInPage(TENANT_ADMIN);
    const label = `Open day ${uniqueSuffix()}`;
    await admin.goto(PATH);
    await addNonWorkingDay(admin, { startDate: "2031-10-03", label });

    const page = await signedInPage(SUPPORT);
    await page.goto(`${PATH}?month=2031-10`);
    await expect(page.getByRole("heading", { name: "Service time", level: 1 })).toBeVisible();
    await expect(page.getByText("You can view the service time; tenant administrators change it.")).toBeVisible();
    await expect(dayCell(page, "2031-10-03")).toContainText(label);
    await expect(dayRow(page, label)).toBeVisible();
    await expect(page.getByTestId("time-zone")).toHaveText(/^[A-Za-z_/+-]+$/);

    await expect(page.getByLabel("Time zone", { exact: true })).toHaveCount(0);
    await expect(addForm(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  });
});
