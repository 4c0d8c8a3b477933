import type { Locator, Page } from "@playwright/test";
import { seedPrerequisites } from "./channel-helpers";
import { fillBasic, fillInformation, label, next, openNewWizard, saveWizard, uniqueChannelName, wizardStep } from "./channel-wizard-helpers";
import { createTenant, createUser, DEMO_PASSWORD, expect, submitForm, test, uniqueSuffix, waitForHydration } from "./fixtures";

/*
 * Issue 16, "See the schedule": a fresh tenant whose zone makes it early afternoon now, tomorrow a
 * non-working day; a channel open 09:00–10:00 on workdays and 10:30–11:00 on non-workdays is closed
 * now and opens tomorrow at 10:30 (the workday hours would say 09:00).
 */

// Zones one hour apart (in December and June alike, near enough): one of them is at 12:00–13:59 now.
const ZONES = [
  "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
  "America/Halifax", "America/Sao_Paulo", "Atlantic/South_Georgia", "Atlantic/Cape_Verde", "UTC", "Africa/Lagos",
  "Africa/Johannesburg", "Europe/Moscow", "Asia/Dubai", "Asia/Karachi", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai",
  "Asia/Tokyo", "Australia/Brisbane", "Pacific/Noumea", "Pacific/Fiji", "Pacific/Tongatapu", "Pacific/Kiritimati",
];

const localHour = (zone: string) => Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
const localDate = (zone: string, plusDays = 0) => {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
};
const dayLabel = (date: string) => new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

const weekday = (date: string) => new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

const status = (scope: Locator) => scope.getByTestId("schedule-status");
const day = (scope: Locator, date: string) => scope.locator(`[data-testid="schedule-day"][data-date="${date}"]`);

async function setTimeZone(page: Page, zone: string): Promise<void> {
  await page.goto("/settings/service-time");
  const form = page.locator("form").filter({ has: page.getByLabel("Time zone", { exact: true }) });
  await waitForHydration(form);
  await form.getByLabel("Time zone", { exact: true }).selectOption(zone);
  await submitForm(page, form, "Save");
  await expect(form.getByRole("status")).toHaveText(/Time zone saved\.|The time zone was already/);
}

async function addNonWorkingDay(page: Page, date: string, name: string): Promise<void> {
  const form = page.getByRole("form", { name: "Add a non-working day" });
  await waitForHydration(form);
  await form.getByLabel("Date", { exact: true }).fill(date);
  await form.getByLabel("Label", { exact: true }).fill(name);
  await submitForm(page, form, "Add");
  await expect(form.getByRole("status")).toHaveText(`${name} added.`);
}

/** The week shows today's workday hours and tomorrow as a non-working day with its own hours. */
async function expectWeek(scope: Locator, today: string, tomorrow: string): Promise<void> {
  await expect(scope.getByTestId("schedule-day")).toHaveCount(7);
  await expect(day(scope, today)).toHaveAttribute("data-non-working", "false");
  await expect(day(scope, today)).toContainText(`${dayLabel(today)} · today`);
  await expect(day(scope, today).getByTestId("schedule-day-hours")).toHaveText("Open 09:00–10:00");
  await expect(day(scope, tomorrow)).toHaveAttribute("data-non-working", "true");
  await expect(day(scope, tomorrow)).toContainText(dayLabel(tomorrow));
  await expect(day(scope, tomorrow)).toContainText("Non-working day");
  await expect(day(scope, tomorrow).getByTestId("schedule-day-hours")).toHaveText("Open 10:30–11:00");
}

test("the channel page, the integration step and the wizard's preview say when a channel opens", async ({ systemAdminPage, signedInPage }) => {
  const zone = ZONES.find((candidate) => [12, 13].includes(localHour(candidate)));
  expect(zone, "a zone at 12:00–13:59 now").toBeDefined();
  const today = localDate(zone!);
  const tomorrow = localDate(zone!, 1);

  const suffix = uniqueSuffix();
  const tenantName = `Schedule ${suffix}`;
  await createTenant(systemAdminPage, tenantName);
  const account = { email: `schedule-${suffix}@schedule.example`, name: `Schedule admin ${suffix}`, password: DEMO_PASSWORD };
  await createUser(systemAdminPage, { ...account, role: "tenant_admin", tenantName });
  const prereq = await seedPrerequisites({ tenant: tenantName });

  const page = await signedInPage(account);
  await setTimeZone(page, zone!);
  await addNonWorkingDay(page, tomorrow, `Closed tomorrow ${suffix}`);

  // Step 2: the preview follows the segments while they are typed, before anything is saved.
  await openNewWizard(page);
  await fillInformation(page, "telegram", prereq);
  await next(page, 2);
  const name = uniqueChannelName("schedule");
  await fillBasic(page, prereq, { name });
  const preview = wizardStep(page, 2).getByTestId("schedule-preview");
  await expect(preview).toContainText(`(${zone})`);
  // The defaults, 09:00–18:00 on workdays: open at 12:00–13:59.
  await expect(status(preview)).toHaveText(/Open now — closes 18:00$/);
  await label(page, "Workday segment 1 end").fill("10:00");
  await expect(status(preview)).toHaveText(/Closed — opens tomorrow 09:00$/);
  // Half-typed: that segment is left out (tomorrow closed all day), the rest still previewed.
  await label(page, "Non-workday segment 1 start").fill("10:");
  await expect(status(preview)).toHaveText(new RegExp(`Closed — opens ${weekday(localDate(zone!, 2))} 09:00$`));
  await expect(day(preview, tomorrow).getByTestId("schedule-day-hours")).toHaveText("Closed all day");
  await label(page, "Non-workday segment 1 start").fill("10:30");
  await label(page, "Non-workday segment 1 end").fill("11:00");
  await expect(status(preview)).toHaveText(/Closed — opens tomorrow 10:30$/);
  await expectWeek(preview, today, tomorrow);

  await next(page, 3);
  const channelId = await saveWizard(page);

  // Step 4, Channel Integration.
  const integration = page.getByTestId("channel-schedule");
  await expect(status(integration)).toHaveText(/Closed — opens tomorrow 10:30$/);
  await expectWeek(integration, today, tomorrow);

  // The channel page, also at 390 px.
  await page.goto(`/channels/${channelId}?tab=configuration`);
  const schedule = page.getByTestId("channel-schedule");
  await expect(schedule.getByRole("heading", { name: "Open hours" })).toBeVisible();
  await expect(schedule).toContainText(`(${zone})`);
  await expect(status(schedule)).toHaveText(/Closed — opens tomorrow 10:30$/);
  await expectWeek(schedule, today, tomorrow);

  await page.setViewportSize({ width: 390, height: 844 });
  await schedule.scrollIntoViewIfNeeded();
  const box = await schedule.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  const overflowing = await schedule.evaluate((element) =>
    [element, ...element.querySelectorAll("*")].filter((node) => {
      const rect = node.getBoundingClientRect();
      const clipped = node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== "hidden";
      return rect.width > 0 && (rect.right > window.innerWidth + 0.5 || clipped);
    }).map((node) => `${node.tagName}.${node.className}`),
  );
  expect(overflowing).toEqual([]);
});
