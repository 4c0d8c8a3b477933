"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, SignInThrottledError } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";
import { action } from "@/lib/guard";
import { safeCallbackPath, signInSchema } from "@/lib/validations/auth";

const signInWithPassword = action.public(signInSchema, async ({ email, password, callbackUrl }) => {
  try {
    // On success Auth.js redirects (a thrown NEXT_REDIRECT the guard lets through).
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(callbackUrl, "/") });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error instanceof SignInThrottledError) {
        throw new AppError("rateLimited", "tooManyAttempts", undefined, { count: error.retryAfterSeconds });
      }
      if (error.code === "disabled") throw new AppError("forbidden", "accountDisabled");
      throw new AppError("unauthenticated", "invalidCredentials");
    }
    // Auth.js wraps failures inside authorize() (such as a database outage) in its own errors.
    if (error instanceof AuthError) throw new AppError("unavailable");
    throw error;
  }
});

export async function signInAction(input: unknown) {
  return signInWithPassword(input);
}
