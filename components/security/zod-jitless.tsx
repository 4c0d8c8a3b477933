"use client";

// The core's config alone (the same global setting classic zod reads): importing "zod" here put
// all of zod into every page, forms or not.
import { config } from "zod/v4/core";

// The pages' Content-Security-Policy forbids eval. Zod probes for it with `new Function("")` before
// compiling a fast object parser, and the browser reports the probe as a violation even though zod
// catches it. Jitless parsing gives the same results; the forms' schemas are too small to miss the JIT.
// Browser only: the server sends no CSP to itself, and its webhook parsing keeps the JIT.
config({ jitless: true });

/** Rendered once by the root layout, so the setting is made before any form parses. */
export function ZodJitless() {
  return null;
}
