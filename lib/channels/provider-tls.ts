import type { DbOrTx } from "@/db/client";
import { getCertificateSecrets } from "@/db/queries/certificates";
import { secretContext } from "@/lib/certificates/store";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret } from "@/lib/crypto/secrets";
import type { ChannelTls } from "@/lib/outbound/providers/transport";

/*
 * A channel's certificates as the provider clients take them: the trust certificate's chain (the
 * CAs the provider's server must chain to) and the identity certificate's chain and decrypted key
 * (presented for mutual TLS). Decrypted here, server-side, only for the call being made.
 */

export async function channelTls(
  db: DbOrTx,
  tenantId: string,
  channel: { trustCertificateId: string | null; identityCertificateId: string | null },
): Promise<ChannelTls> {
  const scope = { tenantId };
  const [trust, identity] = await Promise.all([
    channel.trustCertificateId ? getCertificateSecrets(db, scope, channel.trustCertificateId) : null,
    channel.identityCertificateId ? getCertificateSecrets(db, scope, channel.identityCertificateId) : null,
  ]);
  const tls: ChannelTls = {};
  if (trust) tls.trustCaPem = trust.chainPem;
  if (identity?.privateKeyEncrypted) {
    tls.clientCert = { cert: identity.chainPem, key: decryptSecret(getKeyring(), identity.privateKeyEncrypted, secretContext(identity.id, "privateKey")) };
  }
  return tls;
}
