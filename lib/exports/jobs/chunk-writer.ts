/*
 * Gathers the archive's output into chunks of about `chunkBytes` before each is written, so a
 * file of 10 MB is a few rows of export_file_chunks rather than thousands of tiny ones.
 */
export function chunkWriter(chunkBytes: number, write: (seq: number, data: Buffer) => Promise<void>) {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;

  async function flush(): Promise<void> {
    if (pendingBytes === 0) return;
    const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await write(seq++, data);
  }

  return {
    async push(chunk: Buffer): Promise<void> {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= chunkBytes) await flush();
    },
    /** Writes what is left; answers how many chunks were written in all. */
    async end(): Promise<number> {
      await flush();
      return seq;
    },
  };
}
