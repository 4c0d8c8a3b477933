/** What is wrong with a file; each is a message under `certificates.errors.`. */
export type CertificateProblem =
  | "fileEmpty"
  | "fileTooLarge"
  | "notACertificate"
  | "pkcs7NotSupported"
  | "containsPrivateKey"
  | "tooManyCertificates"
  | "tooManyPemBlocks"
  | "keyMissing"
  | "notAPrivateKey"
  | "keyEncrypted"
  | "keyPassphraseWrong"
  | "keyMismatch"
  | "keyIterationsTooHigh"
  | "keyEncryptionUnsupported"
  | "notPkcs12"
  | "pkcs12IsPem"
  | "pkcs12PasswordWrong"
  | "pkcs12NoKey"
  | "pkcs12Unsupported"
  | "pkcs12IterationsTooHigh"
  | "pkcs12EncryptionUnsupported"
  | "pkcs12TooComplex"
  | "readTimedOut";

export class CertificateError extends Error {
  constructor(readonly problem: CertificateProblem) {
    super(problem);
    this.name = "CertificateError";
  }
}
