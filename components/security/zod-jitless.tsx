"use client";

// The pages' Content-Security-Policy forbids eval. Zod probes for it with `new Function("")` before
// compiling a fast object parser, and the browser reports the probe as a violation even though zod
// catches it. Jitless parsing gives the same results; the forms' schemas are too small to miss the JIT.
// Browser only: the server sends no CSP to itself, and its webhook parsing keeps the JIT.
//
// Zod keeps its settings in one object on globalThis (created when absent, never replaced) and
// `z.config()` only assigns into it, so the flag is set there: importing zod for it put zod's code
// into every page, forms or not. zod-jitless.test.ts checks zod reads it, whichever loads first.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(holder.__zod_globalConfig ??= {}).jitless = true;

/** Rendered once by the root layout, so the setting is made before any form parses. */
export function ZodJitless() {
  return null;
}
