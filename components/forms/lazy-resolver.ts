"use client";

import type { FieldValues, Resolver, ResolverResult } from "react-hook-form";
import type { z } from "zod";

/*
 * zod (the classic build does not tree-shake) and @hookform/resolvers weigh about 34 KB compressed,
 * a fifth of a form page's JavaScript. Forms fetch them on the person's first interaction with the
 * page (a press, a focus, a key): a visit that only reads downloads none of it, and the fetch
 * (about 35 KB) is done long before anyone has typed a value and submitted. A submit that comes
 * first still validates: the resolver awaits the fetch.
 */

/** A dynamic `import()` of a lib/validations module, handing back the form's schema. */
export type SchemaLoader<S> = () => Promise<S>;

/** zodResolver, typed loosely: each caller states the Resolver its schema gives. */
export type ZodResolverFactory = (schema: z.ZodType) => unknown;

/** The resolver factory, from its own chunk; one request however many forms a page has. */
export function loadZodResolver(): Promise<ZodResolverFactory> {
  return import("@hookform/resolvers/zod").then((module) => module.zodResolver as unknown as ZodResolverFactory);
}

/**
 * Runs `load` once and shares its promise. A failed load (a chunk that did not arrive) is forgotten
 * so that the next validation tries again instead of failing for the page's lifetime.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

/**
 * What a resolver answers when its code could not be loaded: the submit stops (react-hook-form
 * calls no action while errors remain) and the form says "unexpected", as for a failed request.
 */
export function unavailableResult<TValues extends FieldValues, TOutput>(): ResolverResult<TValues, TOutput> {
  return { values: {}, errors: { root: { type: "unavailable", message: "unexpected" } } } as ResolverResult<TValues, TOutput>;
}

const INTERACTIONS = ["pointerdown", "focusin", "keydown"] as const;

/** Runs `start` once, on the first press, focus or key anywhere in the page; the cleanup is for useEffect. */
export function onFirstInteraction(start: () => void): () => void {
  const listener = () => {
    cleanup();
    start();
  };
  const cleanup = () => {
    for (const type of INTERACTIONS) document.removeEventListener(type, listener, true);
  };
  for (const type of INTERACTIONS) document.addEventListener(type, listener, { capture: true, passive: true });
  return cleanup;
}

type FormResolver<S extends z.ZodType<FieldValues, FieldValues>> = Resolver<z.input<S>, unknown, z.output<S>>;

/**
 * A form's resolver that awaits its schema (when given a loader) and the resolver factory, fetched
 * side by side once; `preload` starts that fetch early. `onUnavailable` hears of a failed fetch.
 */
export function lazyResolver<S extends z.ZodType<FieldValues, FieldValues>>(schema: S | SchemaLoader<S>, onUnavailable: () => void) {
  const loadSchema = typeof schema === "function" ? schema : () => Promise.resolve(schema);
  const load = loadOnce(async () => {
    const [loaded, zodResolver] = await Promise.all([loadSchema(), loadZodResolver()]);
    return zodResolver(loaded) as FormResolver<S>;
  });
  const resolver: FormResolver<S> = async (values, context, options) => {
    let resolve: FormResolver<S>;
    try {
      resolve = await load();
    } catch {
      onUnavailable();
      return unavailableResult();
    }
    return resolve(values, context, options);
  };
  return { resolver, preload: () => void load().catch(() => undefined) };
}
