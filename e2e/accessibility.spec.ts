import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";
import { seedEachVariant, type ChannelPrerequisites, type SeededChannel } from "./channel-helpers";
import { startExport } from "./exports-helpers";
import {
  expect,
  newPage,
  signInAs,
  submitForm,
  SUPPORT,
  SYSTEM_ADMIN,
  TENANT_ADMIN,
  test,
  uniqueSuffix,
  userIdFromTable,
  waitForHydration,
  type Account,
} from "./fixtures";

/*
 * Issue 17: an axe-core scan (WCAG 2.1 A/AA, serious and critical) of every console page, for every
 * role that may open it, with realistic content: a channel of each kind, the OU, skill queues,
 * certificates and API app they need, a pending trustlist request, an export task and the demo users.
 * The pages marked `phone` are scanned again at 390 px. A new page is one line in PAGES; a
 * confirmation or panel that opens in place is one line in DIALOGS.
 */

type Role = "sysadmin" | "admin" | "support";

const ACCOUNTS: Record<Role, Account> = { sysadmin: SYSTEM_ADMIN, admin: TENANT_ADMIN, support: SUPPORT };

/** What the scanned pages show, and the ids their paths need. */
interface Seeded {
  prerequisites: ChannelPrerequisites;
  channels: SeededChannel[];
  /** The channel whose page is scanned tab by tab. */
  cloudApi: SeededChannel;
  supportUserId: string;
}

interface PageRow {
  name: string;
  path: (s: Seeded) => string;
  roles: Role[];
  /** Also scanned at 390 px. */
  phone?: boolean;
}

const channelOf = (s: Seeded, variant: SeededChannel["variant"]) => s.channels.find((c) => c.variant === variant)!.id;

const PAGES: PageRow[] = [
  { name: "overview", path: () => "/overview", roles: ["admin", "support"], phone: true },
  { name: "channel list", path: () => "/channels", roles: ["admin", "support"], phone: true },
  { name: "channel list, filtered", path: (s) => `/channels?q=${encodeURIComponent(s.cloudApi.name)}`, roles: ["admin"] },
  { name: "new channel wizard", path: () => "/channels/new", roles: ["admin"], phone: true },
  { name: "channel page (infobip)", path: (s) => `/channels/${channelOf(s, "infobip")}`, roles: ["admin", "support"], phone: true },
  { name: "channel page (BSP basic)", path: (s) => `/channels/${channelOf(s, "other-basic")}`, roles: ["admin"] },
  { name: "channel page (BSP oAuth)", path: (s) => `/channels/${channelOf(s, "other-oAuth")}`, roles: ["admin"] },
  { name: "channel page (cloud-api)", path: (s) => `/channels/${s.cloudApi.id}`, roles: ["admin", "support"] },
  { name: "channel page (twilio)", path: (s) => `/channels/${channelOf(s, "twilio")}`, roles: ["admin"] },
  { name: "channel page (telegram)", path: (s) => `/channels/${channelOf(s, "telegram")}`, roles: ["admin", "support"] },
  { name: "channel page, Activity tab", path: (s) => `/channels/${s.cloudApi.id}?tab=activity`, roles: ["admin"], phone: true },
  { name: "channel page, Configuration tab", path: (s) => `/channels/${s.cloudApi.id}?tab=configuration`, roles: ["admin", "support"], phone: true },
  { name: "channel page, Integration tab", path: (s) => `/channels/${s.cloudApi.id}?tab=integration`, roles: ["admin"], phone: true },
  { name: "channel page, Provider tab", path: (s) => `/channels/${s.cloudApi.id}?tab=provider`, roles: ["admin"], phone: true },
  { name: "channel integration", path: (s) => `/channels/${channelOf(s, "telegram")}/integration`, roles: ["admin", "support"] },
  { name: "channel edit wizard", path: (s) => `/channels/${s.cloudApi.id}/edit`, roles: ["admin"] },
  { name: "exports", path: () => "/exports", roles: ["admin", "support"], phone: true },
  { name: "settings (account, language)", path: () => "/settings", roles: ["sysadmin", "admin", "support"] },
  { name: "OUs", path: () => "/settings/ous", roles: ["admin", "support"], phone: true },
  { name: "skill queues", path: () => "/settings/skill-queues", roles: ["admin", "support"] },
  { name: "skill queue", path: (s) => `/settings/skill-queues/${s.prerequisites.skillQueueId}`, roles: ["admin"] },
  { name: "service time", path: () => "/settings/service-time", roles: ["admin", "support"], phone: true },
  { name: "certificates", path: () => "/settings/certificates", roles: ["admin", "support"], phone: true },
  { name: "trust certificate", path: (s) => `/settings/certificates/${s.prerequisites.trustCertificateId}`, roles: ["admin", "support"] },
  { name: "identity certificate", path: (s) => `/settings/certificates/${s.prerequisites.identityCertificateId}`, roles: ["admin"] },
  { name: "trustlist requests", path: () => "/settings/trustlist", roles: ["admin", "support"] },
  { name: "trustlist approved", path: () => "/settings/trustlist/approved", roles: ["admin", "support"] },
  { name: "users", path: () => "/settings/users", roles: ["admin"], phone: true },
  { name: "user", path: (s) => `/settings/users/${s.supportUserId}`, roles: ["admin"] },
  { name: "audit log", path: () => "/settings/audit", roles: ["admin"], phone: true },
  { name: "tenants", path: () => "/system/tenants", roles: ["sysadmin"], phone: true },
  { name: "system users", path: () => "/system/users", roles: ["sysadmin"], phone: true },
  { name: "system user", path: (s) => `/system/users/${s.supportUserId}`, roles: ["sysadmin"] },
  { name: "system trustlist", path: () => "/system/trustlist", roles: ["sysadmin"] },
  { name: "system trustlist approved", path: () => "/system/trustlist/approved", roles: ["sysadmin"] },
  { name: "API apps", path: () => "/system/api-apps", roles: ["sysadmin"] },
  { name: "API app", path: (s) => `/system/api-apps/${s.prerequisites.apiApp.id}`, roles: ["sysadmin"] },
  { name: "not found", path: () => "/no-such-page", roles: ["admin"], phone: true },
  { name: "forbidden (system page as tenant administrator)", path: () => "/system/tenants", roles: ["admin"], phone: true },
  { name: "forbidden (users as support staff)", path: () => "/settings/users", roles: ["support"] },
];

/** A confirmation or panel that opens in place: its page, and the button that opens it. */
interface DialogRow {
  name: string;
  path: (s: Seeded) => string;
  role: Role;
  button: string | RegExp;
}

const DIALOGS: DialogRow[] = [
  { name: "OU: add a sub-OU", path: () => "/settings/ous", role: "admin", button: "Add sub-OU to Seed OU" },
  { name: "OU: rename", path: () => "/settings/ous", role: "admin", button: "Rename Seed OU" },
  { name: "OU: move", path: () => "/settings/ous", role: "admin", button: "Move Seed OU" },
  { name: "OU: delete confirmation", path: () => "/settings/ous", role: "admin", button: "Delete Seed OU" },
  { name: "skill queue: delete confirmation", path: () => "/settings/skill-queues", role: "admin", button: "Delete Seed queue" },
  { name: "certificate: delete confirmation", path: () => "/settings/certificates", role: "admin", button: "Delete Seed trust certificate" },
  { name: "API app: rotate confirmation", path: (s) => `/system/api-apps/${s.prerequisites.apiApp.id}`, role: "sysadmin", button: "Rotate secret…" },
  { name: "trustlist: revoke confirmation", path: () => "/system/trustlist/approved", role: "sysadmin", button: /^Revoke https:/ },
  { name: "channel page: delete confirmation", path: (s) => `/channels/${channelOf(s, "twilio")}`, role: "admin", button: /^Delete/ },
  { name: "channel page: disable confirmation", path: (s) => `/channels/${channelOf(s, "twilio")}`, role: "admin", button: /^Disable/ },
  { name: "channel list: delete confirmation", path: (s) => `/channels?q=${encodeURIComponent(s.cloudApi.name)}`, role: "admin", button: /^Delete seed_/ },
  { name: "wizard: cancel (keep or discard the draft)", path: () => "/channels/new", role: "admin", button: "Cancel" },
];

/** Opens `path` and waits until the page shows its heading (the console's pages all have one h1). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
}

/** Runs `check`, keeping its failure (so one page's violations do not hide the next page's). */
async function collect(failures: string[], label: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let seeded: Seeded;

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(300_000);
  const { prerequisites, channels } = await seedEachVariant();
  const { context, page } = await newPage(browser, testInfo.project.use.baseURL);
  try {
    await signInAs(page, TENANT_ADMIN);
    // A pending trustlist request, for the tenant's and the system administrator's lists.
    await page.goto("/settings/trustlist");
    const request = page.getByTestId("trustlist-request-form");
    await waitForHydration(request);
    const prefix = `https://a11y-${uniqueSuffix()}.example/`;
    await request.getByLabel("URL prefix", { exact: true }).fill(prefix);
    await request.getByLabel("Reason", { exact: true }).fill("Accessibility scan");
    await submitForm(page, request, "Request prefix");
    await expect(request.getByRole("status")).toHaveText(`Requested ${prefix}. A system administrator will review it.`);
    // An export task, for the Exports page.
    const cloudApi = channels.find((c) => c.variant === "cloud-api")!;
    await page.goto(`/channels?q=${encodeURIComponent(cloudApi.name)}`);
    await page.getByRole("checkbox", { name: `Select ${cloudApi.name}`, exact: true }).check();
    await startExport(page, "CSV", 1);
    await page.goto("/settings/users");
    const supportUserId = await userIdFromTable(page, SUPPORT.email, "/settings/users");
    seeded = { prerequisites, channels, cloudApi, supportUserId };
  } finally {
    await context.close();
  }
});

test.describe("accessibility: no serious or critical axe violation", () => {
  test("the sign-in page, at 1440 px and 390 px", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/sign-in");
    await expectNoSeriousA11yViolations(page, "sign-in");
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSeriousA11yViolations(page, "sign-in at 390 px");
  });

  for (const role of ["admin", "support", "sysadmin"] as const) {
    test(`every page a ${role} opens, and its confirmations`, async ({ signedInPage }) => {
      test.setTimeout(900_000);
      const page = await signedInPage(ACCOUNTS[role]);
      const failures: string[] = [];
      for (const row of PAGES.filter((r) => r.roles.includes(role))) {
        const path = row.path(seeded);
        await collect(failures, `${row.name} (${path})`, async () => {
          await page.setViewportSize({ width: 1440, height: 900 });
          await open(page, path);
          await expectNoSeriousA11yViolations(page, `${row.name} at 1440 px`);
          if (row.phone) {
            await page.setViewportSize({ width: 390, height: 844 });
            await expectNoSeriousA11yViolations(page, `${row.name} at 390 px`);
          }
        });
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      for (const row of DIALOGS.filter((r) => r.role === role)) {
        const path = row.path(seeded);
        await collect(failures, `${row.name} (${path})`, async () => {
          await open(page, path);
          const button = page.getByRole("button", { name: row.button, exact: typeof row.button === "string" }).first();
          await waitForHydration(button);
          await button.click();
          // What opened: a dialog, or an in-place confirmation with its own Cancel.
          await expect(page.getByRole("dialog").or(page.getByRole("button", { name: /^(Cancel|Keep)/ })).first()).toBeVisible();
          await expectNoSeriousA11yViolations(page, row.name);
        });
      }
      expect(failures, `accessibility failures for ${role}`).toEqual([]);
    });
  }
});
