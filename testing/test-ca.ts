// The tests' certificate authority: the fixture chain of testing/fixtures/certificates (a root, an
// intermediate, and a leaf for `localhost` and 127.0.0.1 valid until 2035). Servers the tests start
// present the leaf; the console trusts the root through OUTBOUND_EXTRA_CA_FILE, as an operator
// would trust a TLS-intercepting proxy's CA.
import path from "node:path";
import { fixture, FIXTURE_DIR } from "./fixtures/certificates";

/** Give this to the console as OUTBOUND_EXTRA_CA_FILE. */
export const TEST_CA_FILE = path.join(FIXTURE_DIR, "root-ca.pem");

/** `cert` (leaf, then intermediate) and `key` for a TLS server on 127.0.0.1 or localhost. */
export function testServerCredentials(): { cert: Buffer; key: Buffer } {
  return { cert: Buffer.concat([fixture("leaf.pem"), fixture("intermediate-ca.pem")]), key: fixture("leaf.key") };
}
