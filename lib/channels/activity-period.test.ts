import { describe, expect, it } from "vitest";
import { activityPeriodHref, MAX_CUSTOM_DAYS, parseActivityPeriod, resolveActivityPeriod, startOfDayIn } from "./activity-period";

const NOW = new Date("2026-11-22T10:30:00.000Z");

describe("parseActivityPeriod", () => {
  it("defaults to the last 7 days without a period", () => {
    expect(parseActivityPeriod({})).toEqual({ period: { kind: "preset", preset: "7d" }, error: null, input: { from: "", to: "" } });
  });

  it("reads each preset", () => {
    for (const preset of ["24h", "7d", "30d"] as const) {
      expect(parseActivityPeriod({ period: preset })).toMatchObject({ period: { kind: "preset", preset }, error: null });
    }
  });

  it("reads custom dates, with or without period=custom, and a repeated parameter by its first value", () => {
    expect(parseActivityPeriod({ period: "custom", from: "2026-11-01", to: "2026-11-15" }).period).toEqual({
      kind: "custom",
      from: "2026-11-01",
      to: "2026-11-15",
    });
    expect(parseActivityPeriod({ from: "2026-11-01", to: "2026-11-01" }).period).toEqual({ kind: "custom", from: "2026-11-01", to: "2026-11-01" });
    expect(parseActivityPeriod({ period: ["30d", "24h"] }).period).toEqual({ kind: "preset", preset: "30d" });
  });

  it("lets a preset win over dates left in the URL", () => {
    expect(parseActivityPeriod({ period: "24h", from: "2026-11-01", to: "bogus" })).toMatchObject({
      period: { kind: "preset", preset: "24h" },
      error: null,
    });
  });

  it("falls back to the default with the reason for each kind of bad input, keeping what was typed", () => {
    const cases: [Record<string, string>, string][] = [
      [{ period: "1y" }, "periodInvalid"],
      [{ period: "custom", from: "2026-02-30", to: "2026-03-01" }, "dateInvalid"],
      [{ period: "custom", from: "yesterday", to: "2026-03-01" }, "dateInvalid"],
      [{ period: "custom", from: "1969-12-31", to: "1970-01-02" }, "dateOutOfRange"],
      [{ period: "custom", from: "2026-11-01" }, "rangeIncomplete"],
      [{ period: "custom", to: "2026-11-01", from: "  " }, "rangeIncomplete"],
      [{ period: "custom" }, "rangeIncomplete"],
      [{ period: "custom", from: "2026-11-15", to: "2026-11-01" }, "fromAfterTo"],
      [{ period: "custom", from: "2025-01-01", to: "2026-01-02" }, "rangeTooLong"],
    ];
    for (const [query, error] of cases) {
      const parsed = parseActivityPeriod(query);
      expect(parsed, JSON.stringify(query)).toMatchObject({ period: { kind: "preset", preset: "7d" }, error });
      expect(parsed.input.from).toBe((query.from ?? "").trim() === "" ? "" : query.from!.slice(0, 10));
    }
  });

  it("accepts a leap day and exactly the longest range", () => {
    expect(parseActivityPeriod({ from: "2024-02-29", to: "2024-02-29" }).error).toBeNull();
    // 2024 is a leap year: 2024-01-01 … 2024-12-31 is 366 days.
    expect(MAX_CUSTOM_DAYS).toBe(366);
    expect(parseActivityPeriod({ from: "2024-01-01", to: "2024-12-31" }).error).toBeNull();
    expect(parseActivityPeriod({ from: "2024-01-01", to: "2025-01-01" }).error).toBe("rangeTooLong");
  });
});

describe("resolveActivityPeriod", () => {
  it("ends presets now and starts them the preset's length before", () => {
    expect(resolveActivityPeriod({ kind: "preset", preset: "24h" }, { now: NOW, timeZone: "UTC" })).toEqual({
      from: new Date("2026-11-21T10:30:00.000Z"),
      to: NOW,
    });
    expect(resolveActivityPeriod({ kind: "preset", preset: "30d" }, { now: NOW, timeZone: "Asia/Shanghai" }).from).toEqual(
      new Date("2026-10-23T10:30:00.000Z"),
    );
  });

  it("covers custom dates whole, both days included, in the tenant's time zone", () => {
    expect(resolveActivityPeriod({ kind: "custom", from: "2026-11-01", to: "2026-11-01" }, { now: NOW, timeZone: "UTC" })).toEqual({
      from: new Date("2026-11-01T00:00:00.000Z"),
      to: new Date("2026-11-02T00:00:00.000Z"),
    });
    expect(resolveActivityPeriod({ kind: "custom", from: "2026-11-01", to: "2026-11-15" }, { now: NOW, timeZone: "Asia/Shanghai" })).toEqual({
      from: new Date("2026-10-31T16:00:00.000Z"),
      to: new Date("2026-11-15T16:00:00.000Z"),
    });
  });
});

describe("startOfDayIn", () => {
  it("finds local midnight on ordinary days, across DST changes and at fractional offsets", () => {
    expect(startOfDayIn("2024-03-31", "Europe/Berlin")).toEqual(new Date("2024-03-30T23:00:00.000Z"));
    expect(startOfDayIn("2024-04-01", "Europe/Berlin")).toEqual(new Date("2024-03-31T22:00:00.000Z"));
    expect(startOfDayIn("2024-11-03", "America/New_York")).toEqual(new Date("2024-11-03T04:00:00.000Z"));
    expect(startOfDayIn("2024-06-01", "Asia/Kolkata")).toEqual(new Date("2024-05-31T18:30:00.000Z"));
  });

  it("starts a day whose midnight is skipped at its first instant, not on the evening before", () => {
    // Beirut, 2024-03-31: clocks went from 00:00 EET to 01:00 EEST.
    expect(startOfDayIn("2024-03-31", "Asia/Beirut")).toEqual(new Date("2024-03-30T22:00:00.000Z"));
    // Santiago, 2024-09-08: clocks went from 00:00 to 01:00 (UTC-4 → UTC-3).
    expect(startOfDayIn("2024-09-08", "America/Santiago")).toEqual(new Date("2024-09-08T04:00:00.000Z"));
  });
});

describe("activityPeriodHref", () => {
  it("leaves the default period out of the URL and round-trips the others", () => {
    const base = "/channels/0b6f1f7e-9d2a-4c1b-8e3f-2a4b6c8d0e1f";
    expect(activityPeriodHref(base, { kind: "preset", preset: "7d" })).toBe(base);
    expect(activityPeriodHref(base, { kind: "preset", preset: "24h" })).toBe(`${base}?period=24h`);
    const custom = { kind: "custom", from: "2026-11-01", to: "2026-11-15" } as const;
    const href = activityPeriodHref(base, custom);
    expect(href).toBe(`${base}?period=custom&from=2026-11-01&to=2026-11-15`);
    expect(parseActivityPeriod(Object.fromEntries(new URL(href, "http://x").searchParams)).period).toEqual(custom);
  });
});
