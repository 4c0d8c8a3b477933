import { existsSync, readFileSync } from "node:fs";
import type { Response } from "@playwright/test";
import { dataFile, DEMO_PASSWORD, expect, signInAs, SUPPORT, SYSTEM_ADMIN, test, userIdFromTable } from "./fixtures";

const RECORDED_TYPES = ["text/html", "text/x-component", "application/json"];

/** Every value that must never reach a browser or the log. */
function secrets(): Record<string, string> {
  const read = (name: string) => {
    const value = readFileSync(dataFile(name), "utf8").trim();
    expect(value.length, `${name} should hold a key`).toBeGreaterThanOrEqual(16);
    return value;
  };
  return {
    "an argon2 hash": "$argon2",
    "the demo password": DEMO_PASSWORD,
    "the auth secret": read("auth-secret"),
    "the secrets key": read("secrets.key"),
    "the database password": read("pg-password"),
  };
}

function expectFree(text: string, where: string, values: Record<string, string>) {
  for (const [what, value] of Object.entries(values)) {
    expect(text.includes(value), `${where} contains ${what}`).toBe(false);
  }
}

test("no page, payload or log line reveals a secret", async ({ page }) => {
  const values = secrets();
  const bodies: Promise<{ url: string; type: string; body: string }>[] = [];
  page.on("response", (response: Response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!RECORDED_TYPES.some((recorded) => type.startsWith(recorded))) return;
    bodies.push(
      response
        .text()
        .then((body) => ({ url: response.url(), type, body }))
        .catch(() => ({ url: response.url(), type, body: "" })),
    );
  });

  await signInAs(page, SYSTEM_ADMIN);

  await page.goto("/system/users");
  await expect(page.getByTestId("user-row").first()).toBeVisible();
  const supportId = await userIdFromTable(page, SUPPORT.email, "/system/users");
  // Client-side navigation: the page arrives as an RSC payload (text/x-component).
  await page.getByTestId("user-row").getByRole("link", { name: SUPPORT.email, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/system/users/${supportId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`User ${SUPPORT.name}`);
  // And as a full document.
  await page.goto(`/system/users/${supportId}`);
  await expect(page.getByText(SUPPORT.email)).toBeVisible();

  await page.getByRole("link", { name: "Tenants", exact: true }).click();
  await expect(page).toHaveURL(/\/system\/tenants$/);
  await expect(page.getByTestId("tenant-row").first()).toBeVisible();
  await page.goto("/system/tenants");
  await page.goto("/settings");
  await expect(page.getByText(SYSTEM_ADMIN.email)).toBeVisible();
  const me = await page.request.get("/api/me");
  expectFree(await me.text(), "/api/me", values);

  const recorded = await Promise.all(bodies);
  const types = new Set(recorded.map((entry) => entry.type.split(";")[0]));
  expect(types).toContain("text/html");
  expect(types).toContain("text/x-component");
  expect(recorded.some((entry) => entry.body.includes(SUPPORT.email)), "the recording should hold the user pages").toBe(true);
  for (const { url, body } of recorded) {
    expectFree(body, url, values);
    expect(body, url).not.toContain("passwordHash");
  }

  // The server's own output (stdout and stderr of `next start`), after all of the above.
  const logFile = dataFile("console.log");
  expect(existsSync(logFile), "the server log file should exist").toBe(true);
  expectFree(readFileSync(logFile, "utf8"), "the server log", values);
});
