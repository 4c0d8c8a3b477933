"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { signIn, SignInThrottledError } from "@/lib/auth/auth";
import { signInDestination } from "@/lib/auth/sign-in-destination";
import { AppError } from "@/lib/errors";
import { action } from "@/lib/guard";
import { signInSchema } from "@/lib/validations/auth";

const signInWithPassword = action.public(signInSchema, async ({ email, password, callbackUrl }) => {
  try {
    await signIn("credentials", { email, password, redirect: false });
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
  // A thrown NEXT_REDIRECT, which the guard lets through.
  redirect(await signInDestination(getDb(), email, callbackUrl));
});

export async function signInAction(input: unknown) {
  return signInWithPassword(input);
}
