import { describe, expect, it } from "vitest";
import { createWorkSlots, SlotsBusyError } from "./work-slots";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("createWorkSlots", () => {
  it("runs at most `size` tasks at once and the rest in arrival order", async () => {
    const slots = createWorkSlots({ size: 2, queue: 10 });
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const blockers = Array.from({ length: 5 }, gate);
    const runs = blockers.map((blocker, i) =>
      slots.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await blocker.opened;
        running--;
        return i;
      }),
    );
    await Promise.resolve();
    expect([slots.active, slots.waiting]).toEqual([2, 3]);
    for (const blocker of blockers) blocker.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect([slots.active, slots.waiting]).toEqual([0, 0]);
  });

  it("refuses a task that may be refused once the queue is full, and still runs one that must wait", async () => {
    const slots = createWorkSlots({ size: 1, queue: 1 });
    const blocker = gate();
    const first = slots.run(() => blocker.opened);
    const queued = slots.run(async () => "queued", { mayRefuse: true });
    await expect(slots.run(async () => "refused", { mayRefuse: true })).rejects.toBeInstanceOf(SlotsBusyError);
    const patient = slots.run(async () => "patient");
    blocker.open();
    await first;
    expect(await Promise.all([queued, patient])).toEqual(["queued", "patient"]);
  });

  it("frees the slot when a task fails", async () => {
    const slots = createWorkSlots({ size: 1, queue: 0 });
    await expect(slots.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(slots.active).toBe(0);
    expect(await slots.run(async () => 42, { mayRefuse: true })).toBe(42);
  });

  it("refuses a size that is not a positive integer", () => {
    expect(() => createWorkSlots({ size: 0, queue: 1 })).toThrow();
    expect(() => createWorkSlots({ size: 1.5, queue: 1 })).toThrow();
  });
});
