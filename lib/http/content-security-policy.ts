/*
 * The pages' Content-Security-Policy, built by proxy.ts for every page request. Next reads the
 * nonce back from the request's copy of the header and puts it on its own scripts, so only the
 * scripts Next sent with this page run; 'strict-dynamic' extends that trust to the chunks they load.
 */

/** 128 random bits, base64: unguessable, and a valid CSP nonce-source. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * sonner (the toasts) writes its stylesheet into a <style> at run time, without our nonce: first
 * empty, then filled. These are the hashes of those two contents, so the browser allows exactly
 * them (lib/http/sonner-style-hash.test.ts recomputes them from the installed sonner).
 */
export const SONNER_STYLE_HASHES = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' 'sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY='";

export function pageContentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks in the browser; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // Style elements need the nonce (Next puts it on the ones it writes); style attributes cannot
    // carry one, and React renders computed ones (a progress bar's width), so attributes are allowed.
    // The development server injects styles of its own without a nonce.
    options.development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}' ${SONNER_STYLE_HASHES}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ];
  return directives.join("; ");
}
