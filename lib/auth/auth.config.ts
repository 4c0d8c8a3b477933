import type { NextAuthConfig } from "next-auth";

/**
 * The part of the Auth.js configuration that the proxy also loads: no providers and no database,
 * so the proxy stays a cheap "signed in or not" redirect. Authorization happens in every page,
 * action and route handler, never here.
 */
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
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
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return { ...session, sessionVersion: typeof token.sessionVersion === "number" ? token.sessionVersion : -1 };
    },
  },
  logger: {
    // Failed sign-ins are expected and already answered to the user; log one line, never the input.
    error(error) {
      const type = (error as { type?: string }).type;
      if (type === "CredentialsSignin") return;
      console.error(`[auth] ${type ?? error.name}: ${error.message}`);
    },
    warn(code) {
      console.warn(`[auth] warning: ${code}`);
    },
    debug() {},
  },
} satisfies NextAuthConfig;
