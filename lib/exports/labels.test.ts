import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { wallClockFormat } from "@/lib/service-time/time-zones";
import { createDateTimeFormatter, createExportLabels, loadExportLabels } from "./labels";


/** The slow, obviously right way: Intl for every instant. */
function reference(instant: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  const format = wallClockFormat(timeZone);
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${String(Number(parts.hour) % 24).padStart(2, "0")}:${parts.minute}:${parts.second}`;
}

describe("export labels", () => {
  it("reads English headers and values from the catalog, naming the time zone", async () => {
    const labels = await loadExportLabels("en", "Asia/Shanghai");
    expect(labels.headers.name).toBe("Channel name");
    expect(labels.headers.createdAt).toBe("Created (Asia/Shanghai)");
    expect(labels.headers.updatedAt).toBe("Updated (Asia/Shanghai)");
    expect(labels.headers.workdaySegments).toBe("Work time (workdays)");
    expect([labels.yes, labels.no]).toEqual(["Yes", "No"]);
    expect(labels.providers).toEqual({
      infobip: "infobip",
      other: "Customer-built BSP",
      "cloud-api": "Meta WhatsApp Cloud API (cloud-api)",
      twilio: "Twilio",
      telegram: "Telegram Bot API",
    });
    expect(labels.verificationMethods).toEqual({ basic: "basic", oAuth: "oAuth" });
    expect(labels.channelTypes).toEqual({ whatsapp: "WhatsApp", telegram: "Telegram" });
    expect(labels.statuses).toEqual({ enabled: "Enabled", disabled: "Disabled" });
    expect(labels.sheetName).toBe("Channels");
  });

  it("reads German headers and values", async () => {
    const labels = await loadExportLabels("de", "Europe/Berlin");
    expect(labels.headers.name).toBe("Kanalname");
    expect(labels.headers.createdAt).toBe("Erstellt (Europe/Berlin)");
    expect(labels.headers.skillQueue).toBe("Skill-Warteschlange");
    expect([labels.yes, labels.no]).toEqual(["Ja", "Nein"]);
    expect(labels.statuses.disabled).toBe("Deaktiviert");
    expect(labels.providers.other).toBe("Kundeneigener BSP");
  });

  it.each(LOCALES)("gives every header and value a real text in %s", async (locale) => {
    const labels = await loadExportLabels(locale, "UTC");
    const texts = [
      ...Object.values(labels.headers),
      labels.yes,
      labels.no,
      labels.sheetName,
      ...Object.values(labels.channelTypes),
      ...Object.values(labels.providers),
      ...Object.values(labels.verificationMethods),
      ...Object.values(labels.statuses),
    ];
    for (const text of texts) {
      expect(text.trim()).not.toBe("");
      expect(text).not.toContain("exportFile.");
    }
    expect(labels.headers.createdAt).toContain("UTC");
    expect(new Set(Object.values(labels.headers)).size).toBe(Object.keys(labels.headers).length);
  });

  it("fails loudly when a catalog lacks a key", async () => {
    const messages = structuredClone(await loadMessages("en"));
    delete (messages.exportFile.headers as Partial<typeof messages.exportFile.headers>).robotName;
    expect(() => createExportLabels("en", messages, "UTC")).toThrow(/robotName/);
  });

  it("refuses a time zone Intl does not know", async () => {
    await expect(loadExportLabels("en", "Mars/Olympus_Mons")).rejects.toThrow(RangeError);
  });
});

describe("createDateTimeFormatter", () => {
  it("writes wall-clock time in the zone, to the second", () => {
    const shanghai = createDateTimeFormatter("Asia/Shanghai");
    expect(shanghai(new Date("2026-05-01T16:04:05.999Z"))).toBe("2026-05-02 00:04:05");
    const utc = createDateTimeFormatter("UTC");
    expect(utc(new Date("1999-12-31T23:59:59Z"))).toBe("1999-12-31 23:59:59");
    expect(createDateTimeFormatter("Asia/Kathmandu")(new Date("2026-05-01T00:00:00Z"))).toBe("2026-05-01 05:45:00");
    expect(createDateTimeFormatter("America/St_Johns")(new Date("2026-05-01T00:00:00Z"))).toBe("2026-04-30 21:30:00");
  });

  it("follows daylight saving switches to the second", () => {
    const berlin = createDateTimeFormatter("Europe/Berlin");
    expect(berlin(new Date("2026-03-29T00:59:59Z"))).toBe("2026-03-29 01:59:59");
    expect(berlin(new Date("2026-03-29T01:00:00Z"))).toBe("2026-03-29 03:00:00");
    expect(berlin(new Date("2026-10-25T00:59:59Z"))).toBe("2026-10-25 02:59:59");
    expect(berlin(new Date("2026-10-25T01:00:00Z"))).toBe("2026-10-25 02:00:00");
    const newYork = createDateTimeFormatter("America/New_York");
    expect(newYork(new Date("2026-03-08T06:59:59Z"))).toBe("2026-03-08 01:59:59");
    expect(newYork(new Date("2026-03-08T07:00:00Z"))).toBe("2026-03-08 03:00:00");
  });

  it("agrees with Intl for any instant, in zones with odd offsets and switches", () => {
    const zones = ["Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "Africa/Casablanca", "Asia/Kolkata", "Pacific/Apia"];
    const formatters = new Map(zones.map((zone) => [zone, createDateTimeFormatter(zone)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, ms) => {
          const instant = new Date(ms);
          expect(formatters.get(zone)!(instant)).toBe(reference(instant, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("agrees with Intl on every second around this year's switches", () => {
    const zone = "Australia/Lord_Howe"; // switches by 30 minutes, at 02:00 local time
    const format = createDateTimeFormatter(zone);
    expect(format(new Date(Date.UTC(2026, 3, 4, 14, 59, 59)))).toBe("2026-04-05 01:59:59");
    expect(format(new Date(Date.UTC(2026, 3, 4, 15, 0, 0)))).toBe("2026-04-05 01:30:00");
    expect(format(new Date(Date.UTC(2026, 9, 3, 15, 29, 59)))).toBe("2026-10-04 01:59:59");
    expect(format(new Date(Date.UTC(2026, 9, 3, 15, 30, 0)))).toBe("2026-10-04 02:30:00");
    for (const at of [Date.UTC(2026, 3, 4, 15, 0), Date.UTC(2026, 9, 3, 15, 30)]) {
      for (let ms = at - 900_000; ms <= at + 900_000; ms += 1000) {
        expect(format(new Date(ms))).toBe(reference(new Date(ms), zone));
      }
    }
  });

  it("refuses an invalid date", () => {
    expect(() => createDateTimeFormatter("UTC")(new Date(Number.NaN))).toThrow(RangeError);
  });
});
