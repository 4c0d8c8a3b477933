import type { Browser, Page } from "@playwright/test";
import { expect, newPage, signInAs, submitForm, SYSTEM_ADMIN, TENANT_ADMIN, waitForHydration } from "./fixtures";

/*
 * The console reaches a private address (a test server on 127.0.0.1) only once its exact prefix is
 * on the address trustlist. The specs approve it the way an operator does: the Demo tenant's
 * administrator requests it, the system administrator approves it.
 */

/** With `admin` (tenant administrator) and `sysadmin` already signed in: requests and approves `prefix`. */
export async function requestAndApprovePrefix(admin: Page, sysadmin: Page, prefix: string): Promise<void> {
  await admin.goto("/settings/trustlist");
  const request = admin.getByTestId("trustlist-request-form");
  await waitForHydration(request);
  await request.getByLabel("URL prefix", { exact: true }).fill(prefix);
  await request.getByLabel("Reason", { exact: true }).fill("End-to-end test server on this machine");
  await submitForm(admin, request, "Request prefix");
  await expect(request.getByRole("status")).toHaveText(`Requested ${prefix}. A system administrator will review it.`);

  await sysadmin.goto("/system/trustlist");
  const decision = sysadmin.getByTestId("trustlist-pending-request").filter({ hasText: prefix }).locator("form");
  await waitForHydration(decision);
  await submitForm(sysadmin, decision, "Approve");
  await expect(sysadmin.getByTestId("trustlist-outcome")).toHaveText(`Approved ${prefix}.`);
}

/** Signs both people in, in browser contexts of their own, and approves `prefix`. */
export async function approvePrefix(browser: Browser, baseURL: string | undefined, prefix: string): Promise<void> {
  const admin = await newPage(browser, baseURL);
  const sysadmin = await newPage(browser, baseURL);
  try {
    await Promise.all([signInAs(admin.page, TENANT_ADMIN), signInAs(sysadmin.page, SYSTEM_ADMIN)]);
    await requestAndApprovePrefix(admin.page, sysadmin.page, prefix);
  } finally {
    await Promise.all([admin.context.close(), sysadmin.context.close()]);
  }
}
