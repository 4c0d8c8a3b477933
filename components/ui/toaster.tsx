"use client";

import { Toaster as SonnerToaster } from "sonner";

/**
 * Where every action's outcome is confirmed in place. sonner renders a polite live region
 * (`aria-live`), so a screen reader announces a toast without moving focus. Call
 * `toast.success(text)` / `toast.error(text)` from `sonner` in any client component under the
 * console layout. Its stylesheet is written at run time; the CSP allows it by hash
 * (lib/http/content-security-policy.ts).
 */
export function Toaster({ label }: { label: string }) {
  return (
    <SonnerToaster
      position="bottom-right"
      richColors
      closeButton
      containerAriaLabel={label}
      toastOptions={{ duration: 6000, classNames: { toast: "text-sm" } }}
    />
  );
}
