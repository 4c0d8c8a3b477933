import { describe, expect, it } from "vitest";
import { createExportSchema } from "@/lib/validations/exports";
import { parseChannelListParams } from "@/lib/validations/channel-list";
import {
  exportFiltersOf,
  exportRequest,
  pageSelectionState,
  selectedOnPage,
  toggleAllOnPage,
  toggleChannel,
} from "./export-selection";

const A = "0b6f7c1e-6a0e-4d6b-9a43-0f0c6c1b2a01";
const B = "0b6f7c1e-6a0e-4d6b-9a43-0f0c6c1b2a02";
const C = "0b6f7c1e-6a0e-4d6b-9a43-0f0c6c1b2a03";

describe("exportFiltersOf", () => {
  it("keeps the search and the filters, not the sort or the cursor", () => {
    const params = parseChannelListParams({ q: " acme ", type: "whatsapp", status: "disabled", sort: "created", order: "asc", after: "abc" });
    expect(exportFiltersOf(params)).toEqual({ q: "acme", type: "whatsapp", status: "disabled" });
  });

  it("is the bare empty search for an unfiltered list", () => {
    expect(exportFiltersOf(parseChannelListParams({}))).toEqual({ q: "" });
  });
});

describe("exportRequest", () => {
  it("asks for the ticked channels only, and the server reads it as a selection", () => {
    const request = exportRequest("xlsx", [A, C], { q: "acme", provider: "twilio" });
    expect(request).toEqual({ format: "xlsx", channelIds: [A, C] });
    expect(createExportSchema.parse(request).selection).toEqual({ kind: "selected", channelIds: [A, C] });
  });

  it("asks for everything the filters match when nothing is ticked", () => {
    const request = exportRequest("csv", [], { q: "acme", provider: "twilio" });
    expect(request).toEqual({ format: "csv", filters: { q: "acme", provider: "twilio" } });
    const parsed = createExportSchema.parse(request);
    expect(parsed.format).toBe("csv");
    expect(parsed.selection).toEqual({ kind: "filtered", filters: { q: "acme", provider: "twilio" } });
  });

  it("does not share the caller's arrays or objects", () => {
    const ids = [A];
    const filters = { q: "" };
    const request = exportRequest("xlsx", ids, filters);
    ids.push(B);
    expect(request.channelIds).toEqual([A]);
    expect(exportRequest("xlsx", [], filters).filters).not.toBe(filters);
  });
});

describe("selection on one page", () => {
  it("keeps only ticked channels still on the page, in the page's order", () => {
    expect(selectedOnPage(new Set([C, A, "gone"]), [A, B, C])).toEqual([A, C]);
    expect(selectedOnPage(new Set(), [A, B])).toEqual([]);
  });

  it("says whether none, some or all of the page is ticked", () => {
    expect(pageSelectionState(0, 3)).toBe("none");
    expect(pageSelectionState(1, 3)).toBe("some");
    expect(pageSelectionState(3, 3)).toBe("all");
    expect(pageSelectionState(0, 0)).toBe("none");
  });

  it("ticks and unticks without touching the previous set", () => {
    const before = new Set([A]);
    const after = toggleChannel(before, B, true);
    expect([...after].sort()).toEqual([A, B]);
    expect([...before]).toEqual([A]);
    expect([...toggleChannel(after, A, false)]).toEqual([B]);
    expect([...toggleChannel(before, A, true)]).toEqual([A]);
  });

  it("ticks every row of the page, or clears them all", () => {
    expect([...toggleAllOnPage([A, B, C], true)]).toEqual([A, B, C]);
    expect(toggleAllOnPage([A, B, C], false).size).toBe(0);
  });
});
