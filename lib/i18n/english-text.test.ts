import { describe, expect, it } from "vitest";
import { englishText } from "./english-text";

describe("englishText", () => {
  it("takes the first key that names a message, skipping namespaces and unknown keys", () => {
    expect(englishText(["nope", "errors", "exports.errors.nothingToExport"])).toBe(
      "No channel matches this selection, so there is nothing to export.",
    );
    expect(englishText(["nope", "errors"])).toBeUndefined();
  });

  it("formats numbers and plurals as the browser does", () => {
    expect(englishText(["exports.errors.tooMany"], { count: 100001, max: 100000 })).toMatch(/^100,001 channels match, but one export takes at most 100,000\./);
    expect(englishText(["errors.tooManyAttempts"], { count: 1 })).toBe("Too many attempts; try again in 1 second.");
    expect(englishText(["errors.tooManyAttempts"], { count: 30 })).toBe("Too many attempts; try again in 30 seconds.");
  });

  it("answers with the message's key when an argument is missing, never throws", () => {
    expect(englishText(["errors.tooManyAttempts"])).toBe("errors.tooManyAttempts");
  });
});
