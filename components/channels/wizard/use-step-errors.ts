"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { focusFirstInvalid } from "./focus-error";
import type { WizardForms } from "./use-wizard-forms";
import type { RoutedErrors } from "./server-errors";
import type { WizardStep } from "./wizard-values";

/*
 * A submit never leaves the administrator on a step without saying why. Errors meant for a step
 * that is not on screen are held and put on its form once that step is shown: react-hook-form
 * re-renders a field for an error only when something on screen was reading that form's errors,
 * so an error set on a hidden step (a restored draft's step 1, never opened) would stay invisible.
 * Then the first field in error is focused.
 */

interface Held {
  fields: { path: string; message: string }[];
  /** Run the step's own rules again (a client-side refusal found while another step was shown). */
  revalidate: boolean;
  /** Focus the first field in error once shown (the step the submit went to). */
  focus: boolean;
}

type AnyForm = UseFormReturn<FieldValues, unknown, unknown>;

export function useStepErrors(forms: WizardForms, step: WizardStep, container: RefObject<HTMLElement | null>, fallback: RefObject<HTMLElement | null>) {
  const held = useRef(new Map<WizardStep, Held>());
  // Bumped to make the effect below run even when the step does not change.
  const [tick, setTick] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    const pending = held.current.get(step);
    if (!pending) return;
    held.current.delete(step);
    const form = [forms.information, forms.basic, forms.robot][step - 1] as AnyForm;
    void (async () => {
      if (pending.revalidate) await form.trigger();
      for (const { path, message } of pending.fields) form.setError(path as Path<FieldValues>, { type: "server", message });
      if (pending.focus) setFocusRequest((n) => n + 1);
    })();
  }, [step, tick, forms]);

  useEffect(() => {
    if (focusRequest === 0) return;
    // After the render that shows the errors (and opens "More" when one is inside).
    if (!container.current || !focusFirstInvalid(container.current)) fallback.current?.focus();
  }, [focusRequest, container, fallback]);

  /** Field errors for their steps; the first step with one is where the wizard goes. */
  const hold = useCallback((routed: RoutedErrors) => {
    for (const target of [1, 2, 3] as const) {
      const fields = routed.fields[target];
      if (fields.length > 0) held.current.set(target, { fields, revalidate: false, focus: target === routed.firstStep });
    }
    setTick((n) => n + 1);
  }, []);

  /** A step whose own rules refused while another was shown: show them there. */
  const revalidate = useCallback((target: WizardStep) => {
    held.current.set(target, { fields: [], revalidate: true, focus: true });
    setTick((n) => n + 1);
  }, []);

  const clear = useCallback(() => held.current.clear(), []);

  return { hold, revalidate, clear };
}
