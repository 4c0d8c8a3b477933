// Finding PEM blocks in an uploaded file in one linear pass. The blocks are counted before any is
// cut out or decoded: a bundle of 1,000 certificates, or 60,000 BEGIN lines that never end (which
// a backtracking regular expression scans in quadratic time), is refused before it costs anything.
import { MAX_PEM_BLOCKS } from "@/lib/validations/certificates";
import { CertificateError } from "./errors";

export interface PemBlock {
  label: string;
  /** The block from its BEGIN line to its END line, as in the file. */
  text: string;
}

const BEGIN = "-----BEGIN ";
const DASHES = "-----";
const LABEL = /^[A-Z0-9 ]{1,64}$/;

export const CERTIFICATE_LABELS: ReadonlySet<string> = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);

export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith("PRIVATE KEY");
}

/** PEM is text; latin1 maps bytes 1:1, so a binary file cannot fake a match by decoding errors. */
function asText(data: Uint8Array | string): string {
  return typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("latin1");
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/**
 * Every `-----BEGIN X-----` … `-----END X-----` block, in file order; text around and between blocks
 * is ignored. More than `limit` BEGIN lines is refused ("tooManyPemBlocks") before any block is read,
 * so the END search below runs at most `limit` times over at most the file.
 */
export function pemBlocks(data: Uint8Array | string, limit = MAX_PEM_BLOCKS): PemBlock[] {
  const text = asText(data);
  if (countOccurrences(text, BEGIN) > limit) throw new CertificateError("tooManyPemBlocks");
  const blocks: PemBlock[] = [];
  let from = 0;
  for (let start = text.indexOf(BEGIN, from); start !== -1; start = text.indexOf(BEGIN, from)) {
    const labelStart = start + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    const label = labelEnd === -1 ? "" : text.slice(labelStart, labelEnd);
    const endLine = `-----END ${label}-----`;
    const end = LABEL.test(label) ? text.indexOf(endLine, labelEnd + DASHES.length) : -1;
    if (end === -1) {
      from = start + 1;
      continue;
    }
    blocks.push({ label, text: text.slice(start, end + endLine.length) });
    from = end + endLine.length;
  }
  return blocks;
}

/** The bytes a PEM block encodes (its base64 body, without header lines such as `Proc-Type:`). */
export function pemBody(block: PemBlock): Uint8Array<ArrayBuffer> {
  const lines = block.text.split(/\r?\n/).slice(1, -1);
  return new Uint8Array(Buffer.from(lines.filter((line) => !line.includes(":")).join(""), "base64"));
}
