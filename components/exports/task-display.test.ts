import { describe, expect, it } from "vitest";
import { fileSize, hasActiveTask, reasonKeyOf, STATUS_BADGE } from "./task-display";

describe("hasActiveTask", () => {
  it("is true while a task is queued or running", () => {
    expect(hasActiveTask([{ status: "success" }, { status: "queued" }])).toBe(true);
    expect(hasActiveTask([{ status: "running" }])).toBe(true);
  });

  it("is false once every task has ended, and for an empty list", () => {
    expect(hasActiveTask([{ status: "success" }, { status: "failed" }, { status: "expired" }])).toBe(false);
    expect(hasActiveTask([])).toBe(false);
  });
});

describe("reasonKeyOf", () => {
  it("gives a failed task's reason from the exports catalog", () => {
    expect(reasonKeyOf({ status: "failed", errorCode: "exports.errors.tooManyRows" })).toBe("exports.errors.tooManyRows");
  });

  it("always has a reason for a failed task", () => {
    expect(reasonKeyOf({ status: "failed", errorCode: null })).toBe("exports.errors.failed");
    expect(reasonKeyOf({ status: "failed", errorCode: "ECONNRESET" })).toBe("exports.errors.failed");
  });

  it("says why a queued task waits for a retry, and nothing for a fresh one", () => {
    expect(reasonKeyOf({ status: "queued", errorCode: "exports.errors.retrying" })).toBe("exports.errors.retrying");
    expect(reasonKeyOf({ status: "queued", errorCode: null })).toBeNull();
  });

  it("says nothing for running, finished or expired tasks", () => {
    expect(reasonKeyOf({ status: "running", errorCode: "exports.errors.retrying" })).toBeNull();
    expect(reasonKeyOf({ status: "success", errorCode: null })).toBeNull();
    expect(reasonKeyOf({ status: "expired", errorCode: null })).toBeNull();
  });
});

describe("STATUS_BADGE", () => {
  it("tells success and failure apart", () => {
    expect(STATUS_BADGE.success).toBe("success");
    expect(STATUS_BADGE.failed).toBe("danger");
    expect(STATUS_BADGE.running).not.toBe(STATUS_BADGE.queued);
  });
});

describe("fileSize", () => {
  it("keeps small files in bytes", () => {
    expect(fileSize(0)).toEqual({ value: 0, unit: "byte" });
    expect(fileSize(1023)).toEqual({ value: 1023, unit: "byte" });
  });

  it("moves to the next unit at 1,024, with one decimal", () => {
    expect(fileSize(1024)).toEqual({ value: 1, unit: "kilobyte" });
    expect(fileSize(1536)).toEqual({ value: 1.5, unit: "kilobyte" });
    expect(fileSize(5 * 1024 * 1024 + 300 * 1024)).toEqual({ value: 5.3, unit: "megabyte" });
    expect(fileSize(3 * 1024 ** 4)).toEqual({ value: 3072, unit: "gigabyte" });
  });
});
