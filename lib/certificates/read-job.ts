// One uploaded file to read, as data that crosses a process boundary: the job, and its answer
// (the parsed chain, or the problem with the file). ./read-child.ts runs these for uploads.
import { CertificateError, type CertificateProblem } from "./errors";
import { parseIdentityPem, parseTrustCertificates, type ParsedChain, type ParsedIdentity } from "./parse";
import { parsePkcs12 } from "./pkcs12";

export type ReadJob =
  | { kind: "trust"; file: Uint8Array }
  | { kind: "identityPem"; certificate: Uint8Array; key?: Uint8Array; keyPassphrase?: string }
  | { kind: "pkcs12"; file: Uint8Array; password: string };

export type ParsedFor<J extends ReadJob> = J extends { kind: "identityPem" } ? ParsedIdentity : ParsedChain;

export type ReadReply = { ok: true; parsed: ParsedChain | ParsedIdentity } | { ok: false; problem: CertificateProblem };

function parse(job: ReadJob): ParsedChain | ParsedIdentity | Promise<ParsedChain> {
  switch (job.kind) {
    case "trust":
      return parseTrustCertificates(job.file);
    case "identityPem":
      return parseIdentityPem({ certificate: job.certificate, key: job.key, keyPassphrase: job.keyPassphrase });
    case "pkcs12":
      return parsePkcs12(job.file, job.password);
  }
}

/** Reads the file; a problem with it is an answer, anything else a failure of the reader. */
export async function runReadJob(job: ReadJob): Promise<ReadReply> {
  try {
    return { ok: true, parsed: await parse(job) };
  } catch (error) {
    if (error instanceof CertificateError) return { ok: false, problem: error.problem };
    throw error;
  }
}
