import "server-only";
import { getCertificateSecrets } from "@/db/queries/certificates";
import type { DbOrTx } from "@/db/client";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, type Keyring } from "@/lib/crypto/secrets";
import { secretContext } from "./store";

/** What a TLS client needs to present an identity certificate (node:tls options). */
export type IdentityMaterial = { cert: string; key: string } | { pfx: Buffer; passphrase: string };

/**
 * Decrypts an identity certificate of the tenant for the code that connects with it (outbound
 * provider calls). The result is key material: pass it to tls, never to a page, a log or an audit entry.
 */
export async function loadIdentityMaterial(
  db: DbOrTx,
  scope: { tenantId: string },
  certificateId: string,
  keyring: Keyring = getKeyring(),
): Promise<IdentityMaterial | null> {
  const row = await getCertificateSecrets(db, scope, certificateId);
  if (!row || row.kind !== "identity") return null;
  if (row.privateKeyEncrypted) {
    return { cert: row.chainPem, key: decryptSecret(keyring, row.privateKeyEncrypted, secretContext(row.id, "privateKey")) };
  }
  if (row.pkcs12Encrypted && row.pkcs12PasswordEncrypted) {
    return {
      pfx: Buffer.from(decryptSecret(keyring, row.pkcs12Encrypted, secretContext(row.id, "pkcs12")), "base64"),
      passphrase: decryptSecret(keyring, row.pkcs12PasswordEncrypted, secretContext(row.id, "pkcs12Password")),
    };
  }
  return null;
}
