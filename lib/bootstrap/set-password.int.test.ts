import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { verifyPassword } from "@/lib/auth/password";
import { demoAccountsWithPublishedPassword, exposureRefusal } from "./demo-exposure";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, firstStartAccounts } from "./first-start-config";
import { seedFirstStart } from "./first-start";
import { SetPasswordError, setPasswordByEmail } from "./set-password";

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await seedFirstStart(t.db, () => firstStartAccounts({}, "embedded"));
});
afterEach(() => t.close());

const user = async (email: string) =>
  (await t.pool.query("select id, password_hash, session_version from users where email = $1", [email])).rows[0] as {
    id: string;
    password_hash: string;
    session_version: number;
  };

describe("demoAccountsWithPublishedPassword", () => {
  it("lists every demo account after a first start, and only those still on the published password", async () => {
    const all = [DEMO_ACCOUNTS.systemAdmin.email, DEMO_ACCOUNTS.tenantAdmin.email, DEMO_ACCOUNTS.support.email];
    expect(await demoAccountsWithPublishedPassword(t.db)).toEqual(all);

    await setPasswordByEmail(t.db, { email: DEMO_ACCOUNTS.systemAdmin.email, password: "a real password, chosen" });
    expect(await demoAccountsWithPublishedPassword(t.db)).toEqual(all.slice(1));

    // A disabled account cannot sign in, whatever its password.
    await t.pool.query("update users set disabled_at = now() where email = $1", [DEMO_ACCOUNTS.support.email]);
    expect(await demoAccountsWithPublishedPassword(t.db)).toEqual([DEMO_ACCOUNTS.tenantAdmin.email]);
  });

  it("words the refusal with the accounts and the way out, without the password itself", () => {
    const text = exposureRefusal("0.0.0.0", ["admin@demo.example"]);
    expect(text).toContain("listening on 0.0.0.0 would let anyone who can reach this machine sign in as admin@demo.example");
    expect(text).toContain("`npm run set-password -- <email>`");
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain("\n");
  });
});

describe("setPasswordByEmail", () => {
  it("sets the password, ends the account's sessions and records it in the audit log", async () => {
    const before = await user(DEMO_ACCOUNTS.tenantAdmin.email);
    await setPasswordByEmail(t.db, { email: " Admin@Demo.example ", password: "correct horse battery" });
    const after = await user(DEMO_ACCOUNTS.tenantAdmin.email);
    expect(await verifyPassword(after.password_hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(after.password_hash, DEMO_PASSWORD)).toBe(false);
    expect(after.session_version).toBe(before.session_version + 1);
    const { rows } = await t.pool.query("select action, actor_user_id, target_id, tenant_id is not null as tenant from audit_log");
    expect(rows).toEqual([{ action: "user.resetPassword", actor_user_id: null, target_id: before.id, tenant: true }]);
  });

  it("refuses the published demo password, a short one, and an unknown account, changing nothing", async () => {
    const email = DEMO_ACCOUNTS.support.email;
    const before = await user(email);
    await expect(setPasswordByEmail(t.db, { email, password: DEMO_PASSWORD })).rejects.toThrow("that is the demo password the README publishes");
    await expect(setPasswordByEmail(t.db, { email, password: "short" })).rejects.toThrow("the password must be 12 to 256 characters long");
    await expect(setPasswordByEmail(t.db, { email: "nobody@demo.example", password: "long enough password" })).rejects.toThrow(
      new SetPasswordError("there is no account nobody@demo.example on this database: check the email (and CONSOLE_DATA_DIR or DATABASE_URL)."),
    );
    await expect(setPasswordByEmail(t.db, { email: "not an email", password: "long enough password" })).rejects.toThrow("is not an email address");
    expect(await user(email)).toEqual(before);
  });
});
