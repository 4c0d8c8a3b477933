import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compact, describePayloadError, MAX_JSON_DEPTH, parseInfobipTime, parseJsonPayload, textAt, unixSeconds } from "./common";

describe("textAt", () => {
  it("reads strings and finite numbers at a path", () => {
    const value = { a: { b: "x", n: 42, inf: Infinity, o: {} } };
    expect(textAt(value, "a", "b")).toBe("x");
    expect(textAt(value, "a", "n")).toBe("42");
    expect(textAt(value, "a", "inf")).toBeUndefined();
    expect(textAt(value, "a", "o")).toBeUndefined();
    expect(textAt(value, "a", "missing", "deeper")).toBeUndefined();
    expect(textAt(null, "a")).toBeUndefined();
  });

  it("never reads inherited properties", () => {
    expect(textAt({}, "constructor", "name")).toBeUndefined();
    expect(textAt({ a: "x" }, "a", "length")).toBeUndefined();
  });
});

describe("describePayloadError and parseJsonPayload", () => {
  const schema = z.object({ items: z.array(z.object({ id: z.string() })) });

  it("names the first problem's field as a dotted path", () => {
    const result = parseJsonPayload('{"items":[{"id":"a"},{"id":7}]}', schema);
    expect(result.success).toBe(false);
    expect(describePayloadError(result.error!)).toEqual({ field: "items.1.id", message: expect.stringContaining("string") });
  });

  it("reports text that is not JSON as a problem with the body itself", () => {
    for (const text of ["", "{", "undefined", "{'a':1}"]) {
      const result = parseJsonPayload(text, schema);
      expect(describePayloadError(result.error!)).toEqual({ field: "", message: "Body is not valid JSON" });
    }
  });

  it("refuses JSON nested deeper than MAX_JSON_DEPTH, naming where, even far deeper than the stack", () => {
    const loose = z.looseObject({ items: z.array(z.unknown()) });
    const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    expect(parseJsonPayload(`{"items":[${nested(MAX_JSON_DEPTH - 2)}]}`, loose).success).toBe(true);
    for (const depth of [MAX_JSON_DEPTH - 1, 200_000]) {
      const result = parseJsonPayload(`{"items":[{"a":${nested(depth)}}]}`, loose);
      expect(result.success).toBe(false);
      const problem = describePayloadError(result.error!);
      expect(problem.field).toBe(["items", 0, "a", ...Array(MAX_JSON_DEPTH - 3).fill(0)].join("."));
      expect(problem.message).toContain(String(MAX_JSON_DEPTH));
    }
  });

  it("parses valid bodies", () => {
    expect(parseJsonPayload('{"items":[]}', schema)).toEqual({ success: true, data: { items: [] } });
  });
});

describe("compact", () => {
  it("drops undefined but keeps null, false, 0 and empty strings", () => {
    expect(compact({ a: undefined, b: null, c: false, d: 0, e: "" })).toEqual({ b: null, c: false, d: 0, e: "" });
    expect(Object.keys(compact({ a: undefined, b: 1 }))).toEqual(["b"]);
  });
});

describe("time bounds (every accepted time fits a timestamp column)", () => {
  it("accepts unix seconds up to the year 9999 only", () => {
    expect(unixSeconds.safeParse("1749416383").success).toBe(true);
    expect(unixSeconds.safeParse(253402300799).success).toBe(true);
    expect(unixSeconds.safeParse("253402300800").success).toBe(false);
    expect(unixSeconds.safeParse(1e300).success).toBe(false);
    expect(unixSeconds.safeParse(-1).success).toBe(false);
    expect(unixSeconds.safeParse("1.5").success).toBe(false);
  });

  it("refuses offsets no zone has, and times an offset moves out of years 1–9999", () => {
    // Found by the property test: "-9959" moved 9999-12-31 into the year 10000, and the insert failed.
    expect(parseInfobipTime("9999-12-31T23:59:59.999-9959")).toBeNull();
    expect(parseInfobipTime("2025-06-09T10:00:00.000+1900")).toBeNull();
    expect(parseInfobipTime("2025-06-09T10:00:00.000+0160")).toBeNull();
    expect(parseInfobipTime("9999-12-31T23:59:59.999-0100")).toBeNull();
    expect(parseInfobipTime("0001-01-01T00:30:00.000+0100")).toBeNull();
    expect(parseInfobipTime("9999-12-31T23:59:59.999+0100")?.toISOString()).toBe("9999-12-31T22:59:59.999Z");
    expect(parseInfobipTime("2025-06-09T10:00:00.000-1800")?.toISOString()).toBe("2025-06-10T04:00:00.000Z");
  });

  it("keeps two-digit years as written (no 1900 shift)", () => {
    expect(parseInfobipTime("0050-01-01T00:00:00.000+0000")?.getUTCFullYear()).toBe(50);
  });
});
