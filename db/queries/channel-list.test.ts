import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHANNEL_LIST_SORTS, decodeCursor, encodeCursor, escapeLike, type ChannelListSort } from "./channel-list";

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Cursors a person could paste or edit: none may reach PostgreSQL. */
const tampered = (sort: ChannelListSort) => [
  "not-base64!!",
  "%%%",
  Buffer.from("not json").toString("base64url"),
  encode({ key: "a", id: randomUUID() }),
  encode([sort, "a", "not-a-uuid"]),
  encode([sort, "a", randomUUID().toUpperCase()]),
  encode([sort, 42, randomUUID()]),
  encode([sort, "a", randomUUID(), "extra"]),
  encode([sort === "name" ? "created" : "name", "2024-01-01T00:00:00.000000Z", randomUUID()]),
  encode([sort, "x".repeat(300), randomUUID()]),
  encode([sort, "a\u0000b", randomUUID()]),
  "A".repeat(2000),
  // For a time sort: no such day, another format, not a time at all.
  ...(sort === "name"
    ? []
    : ["2024-02-30T00:00:00.000000Z", "0000-01-01T00:00:00.000000Z", "2024-01-01 00:00:00", "2024-01-01T00:00:00.000Z", "yesterday"].map((key) => encode([sort, key, randomUUID()]))),
];

describe("channel list cursors", () => {
  it("round-trip the sort key and id", () => {
    const id = randomUUID();
    expect(decodeCursor("name", encodeCursor("name", { key: "o'brien_1", id }))).toEqual({ key: "o'brien_1", id });
    const time = { key: "2025-03-01T00:00:06.123456Z", id };
    expect(decodeCursor("updated", encodeCursor("updated", time))).toEqual(time);
    expect(encodeCursor("name", { key: "a", id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("belong to the sort they were made for", () => {
    const cursor = encodeCursor("created", { key: "2025-03-01T00:00:06.123456Z", id: randomUUID() });
    expect(decodeCursor("updated", cursor)).toBeNull();
    expect(decodeCursor("name", cursor)).toBeNull();
  });

  for (const sort of CHANNEL_LIST_SORTS) {
    it(`are refused when tampered with (${sort})`, () => {
      for (const cursor of tampered(sort)) expect(decodeCursor(sort, cursor), cursor).toBeNull();
      expect(decodeCursor(sort, undefined)).toBeNull();
      expect(decodeCursor(sort, "")).toBeNull();
    });
  }
});

describe("escapeLike", () => {
  it("makes %, _ and \\ literal characters", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(escapeLike("plain")).toBe("plain");
  });
});
