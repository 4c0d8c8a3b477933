import { z } from "zod";
import { uuidField } from "./fields";

/** Certificate files are small (a chain is a few kB); the cap keeps a 5 MB upload from ever being parsed. */
export const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;
/** Longest chain the console keeps; a file or a server presenting more is refused. */
export const MAX_CHAIN_LENGTH = 10;

/*
 * Limits checked before OpenSSL sees an uploaded file (lib/certificates/{pem,kdf-params,pkcs12-limits}.ts).
 * The numbers appear in the error messages (certificates.errors.*): change the catalogs with them.
 */
/**
 * PEM blocks a file may hold, counted before any is decoded: a chain repeated twice plus its key
 * and a few stray blocks. Parsing costs ~0.3 ms a certificate, so 32 blocks stay under ~10 ms.
 */
export const MAX_PEM_BLOCKS = 32;
/**
 * Iterations a password-based key derivation (PBKDF2, the PKCS#12 KDF, PBES1) may ask for. The
 * highest default we know of is Bouncy Castle's 600,000 (OpenSSL 3 and go-pkcs12 write 2,048,
 * Windows 2,000, Java keytool 10,000); at 1,000,000 one derivation costs ~0.2-0.4 s.
 */
export const MAX_KDF_ITERATIONS = 1_000_000;
/** scrypt's work N·r·p: 8× what `openssl pkcs8 -scrypt` writes (16384·8·1), ~0.9 s. */
export const MAX_SCRYPT_COST = 1_048_576;
/**
 * A PKCS#12 file's shape: parts of its AuthenticatedSafe, bags in all, password-encrypted items
 * (each one more key derivation) and nesting of SafeContents bags. Exporters write 2 parts,
 * 2-12 bags (key, leaf, chain), 2 encrypted items and no nesting.
 */
export const PKCS12_LIMITS = { parts: 8, bags: 32, encryptedItems: 4, nesting: 2 } as const;
/**
 * How long the separate process that reads an upload may take before it is killed and the file
 * refused: a usual PKCS#12 file at the iteration limit takes ~0.5 s, the worst shape the limits
 * allow ~1.5 s (2 idle cores), so a busy machine still has room.
 */
export const CERTIFICATE_READ_TIMEOUT_MS = 5_000;
export const FINGERPRINT_PATTERN = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

export const certificateNameField = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(100, "certificates.errors.nameTooLong");

/** A chosen file; size is checked here so the browser and the server refuse the same files. */
const certificateFile = z
  .file({ error: "certificates.errors.fileRequired" })
  .min(1, "certificates.errors.fileEmpty")
  .max(MAX_CERTIFICATE_FILE_BYTES, "certificates.errors.fileTooLarge");

const secretText = z.string().max(1024, "certificates.errors.passwordTooLong");

export const uploadTrustSchema = z.object({ name: certificateNameField, file: certificateFile });

export const uploadIdentitySchema = z.discriminatedUnion("format", [
  z.object({
    format: z.literal("pem"),
    name: certificateNameField,
    certificateFile,
    /** Optional when the certificate file also holds the key. */
    keyFile: certificateFile.optional(),
    /** Only for an encrypted key: used to decrypt it once, never stored. */
    keyPassphrase: secretText.optional(),
  }),
  z.object({
    format: z.literal("pkcs12"),
    name: certificateNameField,
    pkcs12File: certificateFile,
    pkcs12Password: secretText.default(""),
  }),
]);

export interface TlsAddress {
  host: string;
  port: number;
  /** `https://host:port`, as stored and shown. */
  origin: string;
}

/**
 * `https://host[:port]` → where to connect. Only https; no user info (`https://good@evil` misleads);
 * a path, query or fragment is not needed and refused so nobody thinks it matters.
 */
export function parseTlsAddress(value: string): TlsAddress | null {
  const trimmed = value.trim();
  if (!/^https:\/\//i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
  if (trimmed.endsWith("?") || trimmed.endsWith("#")) return null;
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (!host) return null;
  const port = url.port ? Number(url.port) : 443;
  if (port < 1) return null;
  return { host, port, origin: `https://${url.hostname}:${port}` };
}

const tlsAddressField = z
  .string({ error: "required" })
  .trim()
  .min(1, { message: "required", abort: true })
  .max(300, { message: "certificates.errors.urlInvalid", abort: true })
  .refine((value) => /^https:\/\//i.test(value), { message: "certificates.errors.urlNotHttps", abort: true })
  .refine((value) => parseTlsAddress(value) !== null, "certificates.errors.urlInvalid");

export const fetchChainSchema = z.object({ url: tlsAddressField });

export const saveFetchedChainSchema = z.object({
  name: certificateNameField,
  url: tlsAddressField,
  /** What the administrator saw and confirmed, leaf first; the server must still present exactly this. */
  fingerprints: z.array(z.string().regex(FINGERPRINT_PATTERN, "invalid")).min(1, "invalid").max(MAX_CHAIN_LENGTH, "invalid"),
});

export const deleteCertificateSchema = z.object({ certificateId: uuidField });

export type UploadTrustInput = z.input<typeof uploadTrustSchema>;
export type UploadIdentityInput = z.input<typeof uploadIdentitySchema>;
export type FetchChainInput = z.input<typeof fetchChainSchema>;
export type SaveFetchedChainInput = z.input<typeof saveFetchedChainSchema>;
