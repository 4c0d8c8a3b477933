import { describe, expect, it } from "vitest";
import { changeLines, referencedIds } from "./changes";

describe("audit change lines", () => {
  it("shows nested changes as dotted fields with readable values", () => {
    const lines = changeLines(
      { nonWorkingNotice: "Closed", workTime: { workday: [{ start: "09:00", end: "17:00" }] }, robotEnabled: false },
      { nonWorkingNotice: "Back Monday", workTime: { workday: [{ start: "08:00", end: "12:00" }, { start: "13:00", end: "17:00" }] }, robotEnabled: true, secrets: { appSecret: "replaced" } },
    );
    expect(lines).toEqual([
      { field: "nonWorkingNotice", before: { kind: "text", text: "Closed" }, after: { kind: "text", text: "Back Monday" } },
      { field: "workTime.workday", before: { kind: "text", text: "09:00–17:00" }, after: { kind: "text", text: "08:00–12:00, 13:00–17:00" } },
      { field: "robotEnabled", before: { kind: "boolean", value: false }, after: { kind: "boolean", value: true } },
      { field: "secrets.appSecret", after: { kind: "text", text: "replaced" } },
    ]);
  });

  it("leaves out fields empty on both sides (an old entry's `replacedSecrets: []` showed as `∅ []`)", () => {
    expect(changeLines({ name: "A", phoneNumber: null }, { name: "A", phoneNumber: null, replacedSecrets: [] })).toEqual([]);
  });

  it("marks ids for naming, targets included", () => {
    const lines = changeLines({ ouId: "ou-1", transferQueueIds: [] }, { ouId: "ou-2", transferQueueIds: ["q-1", "q-2"] });
    expect(lines[0]).toEqual({ field: "ouId", before: { kind: "refs", ref: "ou", ids: ["ou-1"] }, after: { kind: "refs", ref: "ou", ids: ["ou-2"] } });
    expect(lines[1]).toEqual({ field: "transferQueueIds", before: { kind: "none" }, after: { kind: "refs", ref: "skillQueue", ids: ["q-1", "q-2"] } });
    expect(referencedIds([{ targetType: "channel", targetId: "c-1", lines }])).toEqual({
      ou: ["ou-1", "ou-2"],
      skillQueue: ["q-1", "q-2"],
      certificate: [],
      apiApp: [],
      channel: ["c-1"],
      user: [],
    });
  });

  it("lists every non-empty field of a creation", () => {
    expect(changeLines(null, { name: "A", robotName: "" }).map((line) => line.field)).toEqual(["name"]);
  });
});
