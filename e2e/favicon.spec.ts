import { expect, signInAs, TENANT_ADMIN, test } from "./fixtures";

test("the console has a favicon: /favicon.ico is an icon, not a 404", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\//);
  // ICONDIR: reserved 0, type 1 (icon), at least one image.
  const body = await response.body();
  expect([...body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  expect(body.readUInt16LE(4)).toBeGreaterThan(0);
});

test("loading the sign-in page and a console page requests nothing that is missing", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/sign-in");
  await signInAs(page, TENANT_ADMIN);
  await page.goto("/channels");
  await page.waitForLoadState("networkidle");
  expect(missing).toEqual([]);
});
