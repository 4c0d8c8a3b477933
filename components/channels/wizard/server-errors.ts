import type { WizardStep } from "./wizard-values";

/* The save action answers field errors keyed by step ("information.", "basic.", "robot."): each goes to its step's form. */

const STEP_OF: Record<string, WizardStep> = { information: 1, basic: 2, robot: 3 };

export interface RoutedErrors {
  /** Field errors per step, keyed by the field's path inside that step's form. */
  fields: Record<WizardStep, { path: string; message: string }[]>;
  /** Errors that belong to no field. */
  general: string[];
  /** The first step with a field error, to show it. */
  firstStep: WizardStep | null;
}

/** Server field errors ("information.baseUrl", "basic.workTime.workday.1.start", "robot.robotEnabled") to their steps. */
export function routeServerErrors(fieldErrors: Record<string, string[]> | undefined): RoutedErrors {
  const routed: RoutedErrors = { fields: { 1: [], 2: [], 3: [] }, general: [], firstStep: null };
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) {
    const message = messages[0];
    if (!message) continue;
    const [head = "", ...rest] = key.split(".");
    const step = STEP_OF[head];
    if (step && rest.length > 0) {
      routed.fields[step].push({ path: rest.join("."), message });
      routed.firstStep = routed.firstStep === null ? step : (Math.min(routed.firstStep, step) as WizardStep);
    } else {
      routed.general.push(message);
    }
  }
  return routed;
}
