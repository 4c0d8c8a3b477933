import type { NextAuthConfig } from "next-auth";
import { moduleLog } from "@/lib/log/logger";

/** A working day: a session (cookie and server row alike) ends 8 hours after sign-in. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * The part of the Auth.js configuration that the proxy also loads: no providers and no database,
 * so the proxy stays a cheap "signed in or not" redirect. Authorization happens in every page,
 * action and route handler, never here.
 */
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [],
  callbacks: {
    authorized: ({ auth }) => Boolean(auth?.user),
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    // sid (the server-side session row) is added at sign-in by lib/auth/auth.ts, which may use the database.
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return {
        ...session,
        sessionId: typeof token.sid === "string" ? token.sid : null,
        sessionVersion: typeof token.sessionVersion === "number" ? token.sessionVersion : -1,
      };
    },
  },
  logger: {
    // Failed sign-ins are expected and already answered to the user; log one line, never the input.
    error(error) {
      const type = (error as { type?: string }).type;
      if (type === "CredentialsSignin") return;
      moduleLog("auth").error({ err: error, authError: type ?? error.name, detail: error.message }, "Auth.js error");
    },
    warn(code) {
      moduleLog("auth").warn({ code }, "Auth.js warning");
    },
    debug() {},
  },
} satisfies NextAuthConfig;
