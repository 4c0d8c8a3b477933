import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { requestAddressKey } from "@/lib/rate-limit/client-address";
import { signInSchema } from "@/lib/validations/auth";
import { authConfig } from "./auth.config";
import { authenticateWithPassword } from "./credentials";
import { endServerSession, startServerSession } from "./server-session";

/** Thrown from authorize() so the sign-in form can tell "throttled" and "disabled" from "wrong". */
export class SignInThrottledError extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}
export class AccountDisabledError extends CredentialsSignin {
  code = "disabled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // At sign-in (`user` is set only then) the session gets its server-side row (server-session.ts).
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.user?.id) token.sid = await startServerSession(getDb(), params.user.id);
      return token;
    },
  },
  events: {
    // Both the sign-out action and Auth.js's own sign-out endpoint end here.
    async signOut(message) {
      if ("token" in message) await endServerSession(getDb(), message.token);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Auth.js hands over a copy of the request; its X-Forwarded-For carries the client address.
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const outcome = await authenticateWithPassword(getDb(), { email, password, address: requestAddressKey(request) });
        if (outcome.ok) return { id: outcome.userId, sessionVersion: outcome.sessionVersion };
        if (outcome.reason === "throttled") throw new SignInThrottledError(outcome.retryAfterSeconds);
        if (outcome.reason === "disabled") throw new AccountDisabledError();
        return null;
      },
    }),
  ],
});
