"use client";

import { useEffect, useMemo } from "react";
import { useForm, type FieldValues, type Resolver, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { loadOnce, loadZodResolver, onFirstInteraction, unavailableResult } from "@/components/forms/lazy-resolver";
import type { BasicConfiguration } from "@/lib/validations/channels/basic";
import type { ChannelInformation } from "@/lib/validations/channels/information";
import type { RobotConfiguration } from "@/lib/validations/channels/robot";
import { keptSecretsFor, type BasicValues, type InformationValues, type RobotValues, type StoredChannel, type WizardValues } from "./wizard-values";

/*
 * The wizard's three forms, one per step, each checked with the very schema the save action runs
 * (lib/validations/channels). Step 1's schema depends on which secrets are stored and which
 * BaseUrl prefixes are approved; step 3's on how many transfer keywords step 2 has.
 */

/*
 * zod, the resolver and the step schemas are not in the wizard's first load: they are fetched on the
 * person's first interaction (components/forms/lazy-resolver.ts), and every resolver awaits them.
 */
const loadValidation = loadOnce(async () => {
  const [basic, channel, information, zodResolver] = await Promise.all([
    import("@/lib/validations/channels/basic"),
    import("@/lib/validations/channels/channel"),
    import("@/lib/validations/channels/information"),
    loadZodResolver(),
  ]);
  return {
    basicConfigurationSchema: basic.basicConfigurationSchema,
    robotStepSchema: channel.robotStepSchema,
    channelInformationSchema: information.channelInformationSchema,
    zodResolver,
  };
});
type Validation = Awaited<ReturnType<typeof loadValidation>>;

/** A resolver that builds its schema at validation time, from the values and the other steps. */
function lazyResolver<TValues extends FieldValues, TOutput>(
  schemaFor: (validation: Validation, values: TValues) => z.ZodType<TOutput>,
): Resolver<TValues, unknown, TOutput> {
  return async (values, context, options) => {
    let validation: Validation;
    try {
      validation = await loadValidation();
    } catch {
      return unavailableResult();
    }
    const resolve = validation.zodResolver(schemaFor(validation, values)) as Resolver<TValues, unknown, TOutput>;
    return resolve(values, context, options);
  };
}

export interface WizardForms {
  information: UseFormReturn<InformationValues, unknown, ChannelInformation>;
  basic: UseFormReturn<BasicValues, unknown, BasicConfiguration>;
  robot: UseFormReturn<RobotValues, unknown, RobotConfiguration>;
}

export function useWizardForms(initial: WizardValues, context: { stored?: StoredChannel; approvedPrefixes: readonly string[] }): WizardForms {
  const information = useForm<InformationValues, unknown, ChannelInformation>({
    defaultValues: initial.information,
    resolver: lazyResolver((validation, values: InformationValues) =>
      validation.channelInformationSchema({
        keptSecrets: keptSecretsFor(values, context.stored),
        approvedPrefixes: context.approvedPrefixes,
        storedTokenValidity: context.stored?.information.tokenValidity,
      }),
    ),
  });
  const basic = useForm<BasicValues, unknown, BasicConfiguration>({
    defaultValues: initial.basic,
    resolver: lazyResolver<BasicValues, BasicConfiguration>((validation) => validation.basicConfigurationSchema),
  });
  const robot = useForm<RobotValues, unknown, RobotConfiguration>({
    defaultValues: initial.robot,
    // The cross-step rule: the intelligent robot needs a transfer keyword (step 2).
    resolver: lazyResolver<RobotValues, RobotConfiguration>((validation) =>
      validation.robotStepSchema(basic.getValues("transferKeywords").length),
    ),
  });
  useEffect(() => onFirstInteraction(() => void loadValidation().catch(() => undefined)), []);
  // useForm hands back the same object on every render, so this stays stable too.
  return useMemo(() => ({ information, basic, robot }), [information, basic, robot]);
}

/** Runs a form's resolver the way a submit would (errors shown, first one focused); the parsed values or null. */
export function validatedValues<TValues extends FieldValues, TOutput>(form: UseFormReturn<TValues, unknown, TOutput>): Promise<TOutput | null> {
  return new Promise((resolve) => {
    void form.handleSubmit(
      (values) => resolve(values),
      () => resolve(null),
    )();
  });
}

export function currentValues(forms: WizardForms): WizardValues {
  return { information: forms.information.getValues(), basic: forms.basic.getValues(), robot: forms.robot.getValues() };
}
