"use client";

import { useEffect, useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/guard/actions";
import { lazyResolver, onFirstInteraction, type SchemaLoader } from "./lazy-resolver";
import { isNavigation } from "./navigation-signal";

type FormSchema = z.ZodType<FieldValues, FieldValues>;

interface Options<S extends FormSchema, T> {
  /**
   * The form's schema. Write it as a loader, `() => import("@/lib/validations/x").then((m) => m.xSchema)`:
   * then neither zod nor the resolver is in the page's first load (about 34 KB compressed), and the
   * same schema still checks every submit in the browser before the action is called.
   * A plain schema object is accepted (it compiles and validates) but puts zod back into the first
   * load of every page showing the form; components/forms/first-load.test.ts fails on it.
   */
  schema: S | SchemaLoader<S>;
  defaultValues: DefaultValues<z.input<S>>;
  action: (input: z.output<S>) => Promise<ActionResult<T>>;
  onSuccess?: (data: T, values: z.output<S>) => void;
}

/**
 * One form = one zod schema, checked in the browser by react-hook-form and again by the server
 * action. Server field errors land next to their fields; other errors in `formError`.
 * Values are kept on failure so nothing typed is lost.
 */
export function useActionForm<S extends FormSchema, T>(options: Options<S, T>) {
  const [formError, setFormError] = useState<string | null>(null);
  // What the error message interpolates, e.g. the seconds before another sign-in attempt.
  const [formErrorValues, setFormErrorValues] = useState<Record<string, string | number> | undefined>();
  // The first render's schema decides: call sites pass a new arrow function on every render.
  const [{ resolver, preload }] = useState(() => lazyResolver(options.schema, () => setFormError("unexpected")));
  // Fetched when the person first presses, focuses or types: long before a submit, never for a visit that only reads.
  useEffect(() => onFirstInteraction(preload), [preload]);

  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver, defaultValues: options.defaultValues });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setFormErrorValues(undefined);
    let result: ActionResult<T>;
    try {
      result = await options.action(values);
    } catch (error) {
      // An action that redirects (sign-in) rejects with Next's redirect while the router navigates:
      // not a failure, and flashing "Something went wrong" on the way out would say it was.
      if (isNavigation(error)) return;
      // The request itself failed (network, server restart): say so, keep the form filled.
      setFormError("unexpected");
      return;
    }
    if (result.ok) {
      options.onSuccess?.(result.data, values);
      return;
    }
    const fieldErrors = Object.entries(result.fieldErrors ?? {});
    for (const [field, codes] of fieldErrors) {
      // Nested paths ("workday.1.start") belong to the field under their top-level key.
      if (field.split(".")[0]! in values) form.setError(field as Path<z.input<S>>, { message: codes[0] });
      else setFormError(codes[0] ?? result.error);
    }
    if (fieldErrors.length === 0) {
      setFormError(result.error);
      setFormErrorValues(result.values);
    }
  });

  return { form, onSubmit, formError, formErrorValues, pending: form.formState.isSubmitting };
}
