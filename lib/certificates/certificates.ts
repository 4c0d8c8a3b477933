import "server-only";
import type { z } from "zod";
import { getKeyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secrets";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import {
  parseTlsAddress,
  type fetchChainSchema,
  type saveFetchedChainSchema,
  type uploadIdentitySchema,
  type uploadTrustSchema,
} from "@/lib/validations/certificates";
import { OutboundConnectError } from "@/lib/outbound/errors";
import { outboundScope } from "@/lib/outbound/scope";
import { fetchPresentedChain, FetchChainError } from "./fetch-chain";
import { CertificateError, toParsedChain, type CertificateProblem, type CertificateSummary, type ParsedChain } from "./parse";
import { readCertificateFile } from "./read-in-child";
import { createCertificate, secretContext, type NewCertificateInput } from "./store";

/** A parse or fetch failure, shown next to the field it is about. */
function fieldError(problem: string, field: string): AppError {
  const code = `certificates.errors.${problem}`;
  return new AppError("validation", code, { [field]: [code] });
}

/** Runs `parse`; a CertificateError lands on the field `fieldOf` names for its problem. */
async function parseOrExplain<T>(parse: () => T | Promise<T>, fieldOf: (problem: CertificateProblem) => string): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (error instanceof CertificateError) throw fieldError(error.problem, fieldOf(error.problem));
    throw error;
  }
}

const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

export async function uploadTrustCertificate(input: z.output<typeof uploadTrustSchema>, ctx: TenantContext) {
  const data = await bytesOf(input.file);
  const parsed = await parseOrExplain(() => readCertificateFile({ kind: "trust", file: data }), () => "file");
  return createCertificate({ name: input.name, kind: "trust", source: "upload", parsed }, ctx);
}

const PEM_KEY_FIELDS: Partial<Record<CertificateProblem, string>> = {
  keyMissing: "keyFile",
  notAPrivateKey: "keyFile",
  keyMismatch: "keyFile",
  keyEncrypted: "keyPassphrase",
  keyPassphraseWrong: "keyPassphrase",
};

/** Problems of the key (its encryption, or the time its derivation took): next to wherever the key came from. */
const KEY_FILE_PROBLEMS: ReadonlySet<CertificateProblem> = new Set(["keyIterationsTooHigh", "keyEncryptionUnsupported", "readTimedOut"]);

export async function uploadIdentityCertificate(input: z.output<typeof uploadIdentitySchema>, ctx: TenantContext) {
  const keyring = getKeyring();
  const store = (parsed: ParsedChain, encryptSecrets: NonNullable<NewCertificateInput["encryptSecrets"]>) =>
    createCertificate({ name: input.name, kind: "identity", source: "upload", parsed, encryptSecrets }, ctx);
  if (input.format === "pem") {
    const [certificate, key] = await Promise.all([bytesOf(input.certificateFile), input.keyFile && bytesOf(input.keyFile)]);
    const parsed = await parseOrExplain(
      () => readCertificateFile({ kind: "identityPem", certificate, key: key || undefined, keyPassphrase: input.keyPassphrase }),
      (problem) => PEM_KEY_FIELDS[problem] ?? (KEY_FILE_PROBLEMS.has(problem) && key ? "keyFile" : "certificateFile"),
    );
    return store(parsed, (id) => ({
      privateKeyEncrypted: encryptSecret(keyring, parsed.privateKeyPem, secretContext(id, "privateKey")),
    }));
  }
  const pfx = await bytesOf(input.pkcs12File);
  const parsed = await parseOrExplain(
    () => readCertificateFile({ kind: "pkcs12", file: pfx, password: input.pkcs12Password }),
    (problem) => (problem === "pkcs12PasswordWrong" ? "pkcs12Password" : "pkcs12File"),
  );
  return store(parsed, (id) => ({
    pkcs12Encrypted: encryptSecret(keyring, Buffer.from(pfx).toString("base64"), secretContext(id, "pkcs12")),
    pkcs12PasswordEncrypted: encryptSecret(keyring, input.pkcs12Password, secretContext(id, "pkcs12Password")),
  }));
}

/**
 * Connects to the address the administrator typed (the schema already checked it), as the tenant,
 * and reads its chain. Every way of not reaching it is one answer, "could not connect".
 */
async function fetchChain(url: string, ctx: TenantContext): Promise<{ origin: string; parsed: ParsedChain }> {
  const address = parseTlsAddress(url)!;
  try {
    const parsed = toParsedChain(await fetchPresentedChain({ origin: address.origin, scope: outboundScope(ctx.db, ctx.tenantId) }));
    return { origin: address.origin, parsed };
  } catch (error) {
    if (error instanceof OutboundConnectError) throw fieldError("couldNotConnect", "url");
    if (error instanceof FetchChainError) throw fieldError(error.problem, "url");
    if (error instanceof CertificateError) throw fieldError("fetchNoCertificate", "url");
    throw error;
  }
}

export interface ChainPreview {
  origin: string;
  chain: CertificateSummary[];
}

export async function previewFetchedChain(input: z.output<typeof fetchChainSchema>, ctx: TenantContext): Promise<ChainPreview> {
  const { origin, parsed } = await fetchChain(input.url, ctx);
  return { origin, chain: parsed.chain };
}

export async function saveFetchedChain(input: z.output<typeof saveFetchedChainSchema>, ctx: TenantContext) {
  const { origin, parsed } = await fetchChain(input.url, ctx);
  const presented = parsed.chain.map((certificate) => certificate.fingerprintSha256);
  // Store only what the administrator confirmed: if the server now presents anything else, stop.
  if (presented.length !== input.fingerprints.length || presented.some((fingerprint, i) => fingerprint !== input.fingerprints[i])) {
    throw new AppError("conflict", "certificates.errors.chainChanged");
  }
  return createCertificate({ name: input.name, kind: "trust", source: "url", sourceUrl: origin, parsed }, ctx);
}
