import { describe, expect, it } from "vitest";
import own from "./messages/global-error.en.json";
import en from "./messages/en";

describe("global-error's messages", () => {
  it("are the English catalog's, word for word", () => {
    expect(own).toStrictEqual({ pages: { error: en.pages.error } });
  });
});
