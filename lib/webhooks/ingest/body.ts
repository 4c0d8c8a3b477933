/*
 * Reads a request body once, refusing it as soon as it passes the cap: a declared Content-Length
 * over the cap is refused before reading, and a body without one is counted while it streams.
 */

/** Meta's payloads reach 3 MB (protocols.md §1); the others are small. */
export const BODY_CAP_BYTES = { "cloud-api": 4 * 1024 * 1024, default: 1024 * 1024 } as const;

/** The cap for a provider's path segment (`whatsapp-cloud` is cloud-api's). */
export function bodyCapFor(segment: string): number {
  return segment === "whatsapp-cloud" ? BODY_CAP_BYTES["cloud-api"] : BODY_CAP_BYTES.default;
}

export type BodyResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: "bodyTooLarge" };

export async function readCappedBody(request: Request, capBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > capBytes) return { ok: false, reason: "bodyTooLarge" };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > capBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "bodyTooLarge" };
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0]! };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
