import type { Db } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import { findUserCredentials, getUserById, setUserPasswordHash } from "@/db/queries/users";
import { emailKey } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { forgetSubject } from "@/lib/auth/throttle";
import { SIGN_IN_POLICY } from "@/lib/auth/throttle-policy";
import { emailField, newPasswordField, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validations/fields";
import { DEMO_PASSWORD } from "./first-start-config";

/** A refusal worded for the operator at the terminal. */
export class SetPasswordError extends Error {
  override name = "SetPasswordError";
}

/**
 * `npm run set-password`: the way to give an account a real password from the machine itself,
 * e.g. the demo accounts before the console may listen beyond loopback. Like a reset by a system
 * administrator it ends the account's sessions (the query bumps the session version) and is
 * audited, with no actor: nobody signed in did it.
 */
export async function setPasswordByEmail(db: Db, input: { email: string; password: string }): Promise<void> {
  const email = emailField.safeParse(input.email);
  if (!email.success) throw new SetPasswordError(`"${input.email}" is not an email address: give the account's email.`);
  if (!newPasswordField.safeParse(input.password).success) {
    throw new SetPasswordError(`the password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long: choose another.`);
  }
  if (input.password === DEMO_PASSWORD) throw new SetPasswordError("that is the demo password the README publishes: choose another.");

  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const credentials = await findUserCredentials(tx, email.data);
    const user = credentials && (await getUserById(tx, credentials.id));
    if (!user) throw new SetPasswordError(`there is no account ${email.data} on this database: check the email (and CONSOLE_DATA_DIR or DATABASE_URL).`);
    await setUserPasswordHash(tx, user.id, passwordHash);
    // As a reset by a system administrator, a new password lifts any sign-in delay on the account.
    await forgetSubject(tx, SIGN_IN_POLICY, emailKey(user.email));
    await recordAudit(tx, { tenantId: user.tenantId, actorUserId: null, action: "user.resetPassword", targetType: "user", targetId: user.id });
  });
}
