import { passwords as realPasswords, type PasswordHasher } from "@/lib/auth/password";

/**
 * A real argon2 hasher that counts the verifications that ran (a known account's check and the
 * unknown-email burn alike), so a test can tell how many guesses reached argon2.
 */
export function countingPasswordHasher(inner: PasswordHasher = realPasswords) {
  const counts = { verifications: 0 };
  const hasher: PasswordHasher = {
    hash: (password) => inner.hash(password),
    async verify(passwordHash, password) {
      const matches = await inner.verify(passwordHash, password);
      counts.verifications++;
      return matches;
    },
    async burn(password) {
      await inner.burn(password);
      counts.verifications++;
    },
  };
  return { hasher, counts };
}
