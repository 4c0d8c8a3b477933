import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInSchema } from "./auth";

describe("safeCallbackPath", () => {
  it.each([
    ["/channels", "/channels"],
    ["/settings/users?page=2", "/settings/users?page=2"],
    ["http://localhost:3000/channels?x=1", "/channels?x=1"],
    ["https://evil.example/steal", "/steal"],
  ])("keeps %s on this origin as %s", (input, expected) => {
    expect(safeCallbackPath(input, "/")).toBe(expected);
  });

  it.each(["//evil.example/path", "/\\evil.example", "javascript:alert(1)", "evil.example", "/sign-in", "/api/me", ""])(
    "falls back for %j",
    (input) => {
      expect(safeCallbackPath(input, "/home")).toBe("/home");
    },
  );
});

describe("signInSchema", () => {
  it("normalises the email and keeps the password untouched", () => {
    const parsed = signInSchema.parse({ email: "  Admin@Demo.Example ", password: " pass word " });
    expect(parsed).toMatchObject({ email: "admin@demo.example", password: " pass word " });
  });

  it("names each missing field with a catalog key", () => {
    const result = signInSchema.safeParse({ email: "", password: "" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues).toEqual(expect.arrayContaining([["email", "required"], ["password", "required"]]));
  });

  it("rejects a malformed email and an over-long password", () => {
    const result = signInSchema.safeParse({ email: "not-an-email", password: "x".repeat(257) });
    const messages = result.error!.issues.map((issue) => issue.message);
    expect(messages).toEqual(expect.arrayContaining(["emailInvalid", "passwordTooLong"]));
  });
});
