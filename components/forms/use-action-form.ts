"use client";

import { useEffect, useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/guard/actions";
import { lazyResolver, type SchemaLoader } from "./lazy-resolver";

type FormSchema = z.ZodType<FieldValues, FieldValues>;

interface Options<S extends FormSchema, T> {
  /**
   * The form's schema. Pass a loader, `() => import("@/lib/validations/x").then((m) => m.xSchema)`:
   * then neither zod nor the resolver is in the page's first load (about 49 KB compressed).
   * A plain schema object still works but puts zod back into the first load of every page using it.
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
  // Fetched as soon as the form is on screen, so it is there long before anyone submits.
  useEffect(preload, [preload]);

  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver, defaultValues: options.defaultValues });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setFormErrorValues(undefined);
    let result: ActionResult<T>;
    try {
      result = await options.action(values);
    } catch {
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
