import type { DbOrTx } from "@/db/client";
import { findUserCredentials } from "@/db/queries/users";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./first-start-config";

const DEMO_EMAILS = [DEMO_ACCOUNTS.systemAdmin.email, DEMO_ACCOUNTS.tenantAdmin.email, DEMO_ACCOUNTS.support.email];

/** The demo accounts anyone could still sign in to with the password the README publishes. */
export async function demoAccountsWithPublishedPassword(db: DbOrTx): Promise<string[]> {
  const open: string[] = [];
  for (const email of DEMO_EMAILS) {
    const user = await findUserCredentials(db, email);
    if (user && !user.disabledAt && (await verifyPassword(user.passwordHash, DEMO_PASSWORD))) open.push(email);
  }
  return open;
}

/** Why the console will not listen on `host` while those accounts keep the published password. */
export function exposureRefusal(host: string, emails: string[]): string {
  return (
    `listening on ${host} would let anyone who can reach this machine sign in as ${emails.join(", ")} with the demo password ` +
    `the README publishes: set real passwords first (\`npm run set-password -- <email>\` for each of them), or listen on 127.0.0.1 only (leave HOST and -H unset).`
  );
}
