import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant, TEST_PASSWORD } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { SIGN_IN_POLICY } from "./throttle-policy";

/*
 * Through Auth.js's own credentials endpoint, as the sign-in form's action and any script reach
 * it: authorize() must take the client address from the request Auth.js hands it.
 */

let t: TestDatabase;
let POST: (request: Request) => Promise<Response>;
let GET: (request: Request) => Promise<Response>;
beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ||= "integration-test-secret-of-at-least-32-characters";
  ({ GET, POST } = (await import("./auth-handlers")) as unknown as { GET: typeof GET; POST: typeof POST });
});
afterAll(() => t.close());

const base = "http://console.test/api/auth";

async function signIn(email: string, password: string, clientAddress: string) {
  const csrf = await GET(new Request(`${base}/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await POST(
    new Request(`${base}/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": clientAddress },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString(),
    }),
  );
  const location = new URL(response.headers.get("location") ?? "", base);
  const signedIn = response.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="));
  return { signedIn, code: location.searchParams.get("code") };
}

describe("POST /api/auth/callback/credentials", () => {
  it("delays the guessing address, not the owner's", async () => {
    const { admin } = await createTestTenant(t.db);
    const [stranger, owner] = ["203.0.113.50", "198.51.100.60"];
    for (let i = 0; i < SIGN_IN_POLICY.freeAttempts; i++) expect(await signIn(admin.email, `guess-${i}`, stranger)).toEqual({ signedIn: false, code: "credentials" });
    expect(await signIn(admin.email, TEST_PASSWORD, stranger)).toEqual({ signedIn: false, code: "throttled" });

    expect(await signIn(admin.email, TEST_PASSWORD, owner)).toEqual({ signedIn: true, code: null });
  });
});
