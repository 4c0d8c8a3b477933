import { describe, expect, it } from "vitest";
import { EmbeddedStartError } from "@/db/embedded";
import { firstStartAccounts } from "./first-start-config";
import { describeStartFailure, StartError } from "./start-failure";

const oneSentence = (text: string) => {
  expect(text).not.toContain("\n");
  expect(text).not.toMatch(/undefined|\bat .+:\d+:\d+/);
  expect(text).toMatch(/: .+/); // what is wrong: what to do
};

describe("describeStartFailure", () => {
  it("passes sentences made for the operator through as they are", () => {
    expect(describeStartFailure(new StartError("port 3000 is taken: choose another."))).toBe("port 3000 is taken: choose another.");
    const embedded = new EmbeddedStartError("already-running", "the embedded PostgreSQL of data is already running (PID 7): stop it.");
    expect(describeStartFailure(embedded)).toBe(embedded.message);
  });

  it("turns the first-start configuration problems into one line", () => {
    let thrown: unknown;
    try {
      firstStartAccounts({}, "server");
    } catch (error) {
      thrown = error;
    }
    const text = describeStartFailure(thrown);
    oneSentence(text);
    expect(text).toContain("ADMIN_EMAIL: is required; ADMIN_PASSWORD: is required");
  });

  it("says something useful about a rejection that carries nothing: no 'undefined'", () => {
    for (const value of [undefined, null, "", {}, 0]) {
      const text = describeStartFailure(value);
      oneSentence(text);
      expect(text).toContain("gave no reason");
    }
  });

  it("words the usual DATABASE_URL failures without echoing the URL", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(describeStartFailure(refused)).toMatch(/^the database server refused the connection \(ECONNREFUSED\): check that it runs and that DATABASE_URL/);
    const badPassword = Object.assign(new Error('password authentication failed for user "console"'), { code: "28P01" });
    expect(describeStartFailure(badPassword)).toContain("rejected the user name or password");
  });

  it("names the path of a permission failure", () => {
    const denied = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/data'"), { code: "EACCES", path: "/srv/data", syscall: "mkdir" });
    const text = describeStartFailure(denied);
    oneSentence(text);
    expect(text).toContain("permission denied on /srv/data (EACCES)");
  });

  it("keeps any other error to one line with a pointer to the README", () => {
    const error = new Error("migration 0007 failed:\n  relation exists");
    expect(describeStartFailure(error)).toBe('migration 0007 failed: relation exists (see README, "Run it").');
    expect(describeStartFailure(error)).not.toMatch(/:\d+:\d+\)/); // no stack frame
  });
});
