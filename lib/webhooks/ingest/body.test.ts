import { describe, expect, it } from "vitest";
import { readCappedBody } from "./body";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://console.test/api/webhooks/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

function streamOf(chunks: number[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const size of chunks) controller.enqueue(new Uint8Array(size).fill(65));
      controller.close();
    },
  });
}

describe("readCappedBody", () => {
  it("returns the exact bytes of a body within the cap, joined across chunks", async () => {
    const result = await readCappedBody(post(streamOf([3, 4, 5])), 12);
    expect(result.ok && result.bytes.byteLength).toBe(12);
    const text = await readCappedBody(post("héllo"), 100);
    expect(text.ok && new TextDecoder().decode(text.bytes)).toBe("héllo");
  });

  it("refuses a streamed body one byte over the cap", async () => {
    expect(await readCappedBody(post(streamOf([6, 7])), 12)).toEqual({ ok: false, reason: "bodyTooLarge" });
  });

  it("refuses a declared Content-Length over the cap without reading", async () => {
    expect(await readCappedBody(post("small", { "content-length": "5000" }), 100)).toEqual({ ok: false, reason: "bodyTooLarge" });
  });

  it("reads an absent body as empty", async () => {
    const result = await readCappedBody(new Request("http://console.test/", { method: "POST" }), 10);
    expect(result.ok && result.bytes.byteLength).toBe(0);
  });
});
