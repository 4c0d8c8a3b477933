import type { ResolverOptions } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { lazyResolver, loadOnce } from "./lazy-resolver";

const schema = z.object({ name: z.string().trim().min(1, "required") });
type Values = z.input<typeof schema>;
const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<Values>;

describe("loadOnce", () => {
  it("shares one load between callers", async () => {
    let loads = 0;
    const load = loadOnce(async () => ++loads);
    expect(await Promise.all([load(), load(), load()])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it("forgets a failed load so the next call tries again", async () => {
    let attempt = 0;
    const load = loadOnce(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error("chunk failed");
      return "loaded";
    });
    await expect(load()).rejects.toThrow("chunk failed");
    expect(await load()).toBe("loaded");
  });
});

describe("lazyResolver", () => {
  it("validates with the schema the loader brings, loading it once", async () => {
    let loads = 0;
    const { resolver, preload } = lazyResolver(async () => {
      loads += 1;
      return schema;
    }, () => undefined);
    preload();
    const refused = await resolver({ name: "  " }, undefined, options);
    expect(refused.errors).toMatchObject({ name: { message: "required" } });
    const accepted = await resolver({ name: " Sales " }, undefined, options);
    expect(accepted).toEqual({ values: { name: "Sales" }, errors: {} });
    expect(loads).toBe(1);
  });

  it("still takes a plain schema", async () => {
    const { resolver } = lazyResolver(schema, () => undefined);
    expect((await resolver({ name: "" }, undefined, options)).errors).toMatchObject({ name: { message: "required" } });
  });

  it("stops the submit when the schema cannot be fetched, and fetches again next time", async () => {
    let attempt = 0;
    let unavailable = 0;
    const { resolver } = lazyResolver(
      async () => {
        attempt += 1;
        if (attempt === 1) throw new Error("chunk failed");
        return schema;
      },
      () => (unavailable += 1),
    );
    const failed = await resolver({ name: "Sales" }, undefined, options);
    expect(failed).toEqual({ values: {}, errors: { root: { type: "unavailable", message: "unexpected" } } });
    expect(unavailable).toBe(1);
    expect(await resolver({ name: "Sales" }, undefined, options)).toEqual({ values: { name: "Sales" }, errors: {} });
  });
});
