import { z } from "zod";
import { emailField, PASSWORD_MAX_LENGTH } from "./fields";

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "required" }).min(1, "required").max(PASSWORD_MAX_LENGTH, "passwordTooLong"),
  callbackUrl: z.string().optional(),
});

export type SignInInput = z.input<typeof signInSchema>;

/**
 * Where to go after signing in: only a path on this console. Auth.js hands us absolute URLs
 * (`http://host/channels`), so those are reduced to their path; anything that could leave the
 * origin (`//evil.example`, `/\\evil`, `javascript:`) falls back.
 */
export function safeCallbackPath(callbackUrl: string | undefined, fallback: string): string {
  if (!callbackUrl) return fallback;
  let path = callbackUrl;
  if (/^https?:\/\//i.test(callbackUrl)) {
    try {
      const url = new URL(callbackUrl);
      path = url.pathname + url.search + url.hash;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return fallback;
  if (path === "/sign-in" || path.startsWith("/sign-in?") || path.startsWith("/api/")) return fallback;
  return path;
}
