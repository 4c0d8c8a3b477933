"use client";

import { Toaster as SonnerToaster } from "sonner";
// sonner also injects these rules at run time in a <style> without our CSP nonce, which the
// browser refuses; the stylesheet Next bundles is what styles the toasts.
import "sonner/dist/styles.css";

/**
 * Where every action's outcome is confirmed in place. sonner renders a polite live region
 * (`aria-live`), so a screen reader announces a toast without moving focus; errors use
 * `toast.error`, which sonner marks assertive. Call `toast.success(text)` / `toast.error(text)`
 * from `sonner` in any client component under the console layout.
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
