import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { signInSchema } from "@/lib/validations/auth";
import { authConfig } from "./auth.config";
import { authenticateWithPassword } from "./credentials";

/** Thrown from authorize() so the sign-in form can tell "locked" and "disabled" from "wrong". */
export class AccountLockedError extends CredentialsSignin {
  code = "locked";
}
export class AccountDisabledError extends CredentialsSignin {
  code = "disabled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const outcome = await authenticateWithPassword(getDb(), parsed.data);
        if (outcome.ok) return { id: outcome.userId, sessionVersion: outcome.sessionVersion };
        if (outcome.reason === "locked") throw new AccountLockedError();
        if (outcome.reason === "disabled") throw new AccountDisabledError();
        return null;
      },
    }),
  ],
});
