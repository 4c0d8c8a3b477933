"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { FormProvider, type FieldValues, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import { FormStatus } from "@/components/forms/form-status";
import type { RequestPrefixAction } from "@/components/trustlist/request-prefix-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ChannelFormOptions } from "@/db/queries/channel-form-options";
import type { ActionResult } from "@/lib/guard/actions";
import { BasicStep } from "./basic-step";
import { CancelDialog } from "./cancel-dialog";
import { focusFirstInvalid } from "./focus-error";
import { DraftNotice, StaleVersionNotice, type RestoredDraft } from "./wizard-notices";
import { InformationStep } from "./information-step";
import { RetypeSummary } from "./retype-secrets";
import { RobotStep } from "./robot-step";
import { useDraftAutosave } from "./use-draft-autosave";
import { useStepCheck, type CheckStepAction } from "./use-step-check";
import { useStepErrors } from "./use-step-errors";
import { currentValues, useWizardForms, validatedValues } from "./use-wizard-forms";
import { WizardSettingsProvider } from "./wizard-context";
import { WizardSteps, WIZARD_STEP_KEYS } from "./wizard-steps";
import { routeServerErrors } from "./server-errors";
import { draftStep, restoreDraft, secretsToRetype } from "./wizard-restore";
import { hasSecretFields, type StoredChannel, type WizardStep, type WizardValues } from "./wizard-values";

export interface WizardActions {
  save: (input: unknown) => Promise<ActionResult<{ id: string; version: number }>>;
  /** Asks the server about what only it can judge before Next (name taken, bot token). */
  checkStep: CheckStepAction;
  saveDraft: (input: unknown) => Promise<ActionResult<void>>;
  discardDraft: (input: unknown) => Promise<ActionResult<void>>;
}

export interface ChannelWizardProps {
  mode: "create" | "edit";
  channelId?: string;
  /** The version the page loaded (edit mode). */
  version?: number;
  /** Starting values: a new channel's defaults, or the stored channel's (secrets empty). */
  initial: WizardValues;
  /** Edit mode: the stored secrets' masks and the stored step-1 values. */
  stored?: StoredChannel;
  /** The signed-in user's unsaved draft for this target, if any. */
  draft: RestoredDraft | null;
  options: ChannelFormOptions;
  approvedPrefixes: string[];
  /** The tenant's trustlist requests still waiting for a decision. */
  pendingPrefixes?: string[];
  requestTrustlistAction?: RequestPrefixAction;
  actions: WizardActions;
}

const STALE_VERSION = "channels.errors.staleVersion";

/**
 * The Configure Channel wizard: three steps validated in the browser with the server's schemas,
 * "The next step" saves the channel and opens step 4 (Channel Integration). Unsaved work is kept
 * as a server-side draft (without secrets) and restored on reload; a failed save keeps every step filled.
 */
export function ChannelWizard(props: ChannelWizardProps) {
  const { mode, channelId, draft, actions } = props;
  const t = useTranslations("channelWizard");
  const router = useRouter();
  const [start] = useState(() => (draft ? restoreDraft(draft.data, props.initial, { fixedVariant: mode === "edit" }) : props.initial));
  const [step, setStep] = useState<WizardStep>(() => (draft ? draftStep(draft.step) : 1));
  const [restored, setRestored] = useState<RestoredDraft | null>(draft);
  const [retype, setRetype] = useState(() => (draft ? secretsToRetype(start.information, props.stored) : []));
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const heading = useRef<HTMLSpanElement>(null);
  const moved = useRef(false);
  const busy = useRef(false);
  const advancing = useRef(false);
  const stepBody = useRef<HTMLDivElement>(null);
  // An edit resumed from a draft continues from the version the draft was made on: nothing newer is overwritten.
  const [baseVersion, setBaseVersion] = useState(draft?.baseVersion ?? props.version);

  const forms = useWizardForms(start, { stored: props.stored, approvedPrefixes: props.approvedPrefixes });
  const read = useCallback(() => currentValues(forms), [forms]);
  const drafts = useDraftAutosave({ channelId, version: channelId ? baseVersion : undefined, read, saveDraft: actions.saveDraft, initialStep: step });
  const { schedule } = drafts;
  const stepErrors = useStepErrors(forms, step, stepBody, heading);
  const checks = useStepCheck(actions.checkStep, channelId);

  useEffect(() => {
    const subscriptions = [
      forms.information.watch(() => schedule()),
      forms.basic.watch(() => schedule()),
      forms.robot.watch(() => schedule()),
    ];
    return () => subscriptions.forEach((subscription) => subscription.unsubscribe());
  }, [forms.information, forms.basic, forms.robot, schedule]);

  useEffect(() => {
    // Move focus to the new step's heading (not on first render), so keyboard and screen-reader users follow.
    if (moved.current) heading.current?.focus();
  }, [step]);

  const goTo = (next: WizardStep) => {
    moved.current = true;
    setStep(next);
    drafts.stepChanged(next);
  };

  const next = async () => {
    if (advancing.current) return;
    advancing.current = true;
    try {
      setFormError(null);
      const verdict =
        step === 1
          ? (await validatedValues(forms.information)) && (await checks.checkInformation(forms.information.getValues()))
          : await validatedValues(forms.basic).then((basic) => basic && checks.checkBasic(basic.name));
      if (!verdict) return focusFirstError();
      if (verdict.ok) goTo((step + 1) as WizardStep);
      else showServerErrors(verdict.fieldErrors, verdict.error);
    } finally {
      advancing.current = false;
    }
  };

  const save = async () => {
    // One save at a time (a double click or Enter while saving).
    if (busy.current) return;
    busy.current = true;
    // After a success it stays busy while step 4 loads: nothing is saved twice.
    if (!(await validateAndSave())) busy.current = false;
  };

  /** True once the channel is saved. */
  const validateAndSave = async (): Promise<boolean> => {
    setFormError(null);
    setStale(false);
    stepErrors.clear();
    const robot = await validatedValues(forms.robot);
    if (!robot) {
      toast.error(t("toasts.failed"));
      focusFirstError();
      return false;
    }
    const information = await validatedValues(forms.information);
    if (!information) return bounce(1);
    const basic = await validatedValues(forms.basic);
    if (!basic) return bounce(2);
    setSaving(true);
    await drafts.pause();
    let result: Awaited<ReturnType<WizardActions["save"]>>;
    try {
      result = await actions.save({ channelId, version: channelId ? baseVersion : undefined, information, basic, robot });
    } catch {
      result = { ok: false, error: "unexpected" };
    }
    if (result.ok) {
      // The toaster lives in the console shell, so the toast is still there on the page the wizard lands on.
      toast.success(mode === "edit" ? t("toasts.saved", { name: basic.name }) : t("toasts.created", { name: basic.name }));
      router.push(`/channels/${result.data.id}/integration`);
      return true;
    }
    setSaving(false);
    drafts.resume();
    toast.error(t("toasts.failed"));
    if (result.error === STALE_VERSION) setStale(true);
    else showServerErrors(result.fieldErrors, result.error);
    return false;
  };

  /** After a refusal on the step shown: focus its first field in error (a tile group has no registered ref). */
  const focusFirstError = () => {
    requestAnimationFrame(() => {
      const body = stepBody.current;
      // react-hook-form has already focused a registered field in error; the tiles are not registered.
      if (!body || (body.contains(document.activeElement) && document.activeElement?.getAttribute("aria-invalid") === "true")) return;
      focusFirstInvalid(body);
    });
  };

  /** Cancel → keep: the draft is written now (not a second later), then the wizard is left. */
  const keepAndLeave = async () => {
    await drafts.flush();
    await drafts.pause();
    toast.success(t("toasts.draftKept"));
    router.push(leaveTo);
  };

  /** Cancel → discard: the draft goes, then the wizard is left. */
  const discardAndLeave = async () => {
    await drafts.pause();
    const result = await actions.discardDraft({ channelId }).catch(() => null);
    if (!result?.ok) {
      drafts.resume();
      toast.error(t("toasts.discardFailed"));
      throw new Error("discard failed");
    }
    toast.success(t("toasts.draftDiscarded"));
    router.push(leaveTo);
  };

  /** Another step's own rules refused: go there and show them on its fields (never a silent jump). */
  const bounce = (target: WizardStep): false => {
    toast.error(t("toasts.failed"));
    stepErrors.revalidate(target);
    setFormError("validation");
    goTo(target);
    return false;
  };

  const showServerErrors = (fieldErrors: Record<string, string[]> | undefined, error: string) => {
    const routed = routeServerErrors(fieldErrors);
    // Put on each step's form once that step is shown; the first one is opened and its field focused.
    stepErrors.hold(routed);
    // Field errors are shown next to their fields; the alert above says there are some.
    setFormError(routed.general[0] ?? (routed.firstStep !== null ? "validation" : error));
    if (routed.firstStep !== null && routed.firstStep !== step) goTo(routed.firstStep);
  };

  const discard = async () => {
    await drafts.pause();
    await actions.discardDraft({ channelId }).catch(() => null);
    forms.information.reset(props.initial.information);
    forms.basic.reset(props.initial.basic);
    forms.robot.reset(props.initial.robot);
    setRestored(null);
    setRetype([]);
    setFormError(null);
    setBaseVersion(props.version);
    setStep(1);
    drafts.resume({ rebase: 1 });
  };

  const reloadCurrent = async () => {
    await drafts.pause();
    await actions.discardDraft({ channelId }).catch(() => null);
    window.location.reload();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Enter in a one-line field moves on, like submitting a form would.
    const target = event.target as HTMLElement;
    if (event.key !== "Enter" || event.nativeEvent.isComposing || target.tagName !== "INPUT") return;
    // A form inside a step (the trustlist request offer) submits itself.
    if (target.closest("form")) return;
    const type = (target as HTMLInputElement).type;
    if (type === "checkbox" || type === "radio") return;
    event.preventDefault();
    void (step === 3 ? save() : next());
  };

  const stepKey = WIZARD_STEP_KEYS[step - 1]!;
  const leaveTo = channelId ? `/channels/${channelId}` : "/channels";
  const stepForm = [forms.information, forms.basic, forms.robot][step - 1] as UseFormReturn<FieldValues, unknown, unknown>;

  return (
    <WizardSettingsProvider
      value={{ mode, options: props.options, masks: props.stored?.masks ?? {}, requestTrustlistAction: props.requestTrustlistAction, pendingPrefixes: props.pendingPrefixes, retype }}
    >
      <WizardSteps current={step} />
      <div className="grid min-w-0 gap-4">
        {restored ? (
          <DraftNotice draft={restored} secretsLost={hasSecretFields(start.information)} outdated={mode === "edit" && draft?.baseVersion !== props.version} onDiscard={discard} />
        ) : null}
        {stale ? <StaleVersionNotice onReload={reloadCurrent} /> : <FormStatus error={formError} />}
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>
              <span ref={heading} tabIndex={-1} className="rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2">
                {t("steps.heading", { step, title: t(`steps.${stepKey}`) })}
              </span>
            </CardTitle>
            <CardDescription>{t(`stepDescriptions.${stepKey}`)}</CardDescription>
          </CardHeader>
          <CardContent>
            {retype.length > 0 ? <RetypeSummary control={forms.information.control} fields={retype} onStep1={step === 1} onGoToStep1={() => goTo(1)} /> : null}
            <FormProvider {...stepForm}>
              <div ref={stepBody} onKeyDown={onKeyDown} data-testid={`wizard-step-${step}`}>
                {step === 1 ? <InformationStep /> : step === 2 ? <BasicStep /> : <RobotStep />}
              </div>
            </FormProvider>
          </CardContent>
        </Card>
        <div className="flex flex-wrap items-center gap-3">
          {step > 1 ? (
            <Button type="button" variant="outline" disabled={saving} onClick={() => goTo((step - 1) as WizardStep)}>
              {t("buttons.back")}
            </Button>
          ) : null}
          {step < 3 ? (
            <Button type="button" disabled={checks.checking} aria-busy={checks.checking} onClick={() => void next()}>
              {checks.checking ? t("buttons.checking") : t("buttons.next")}
            </Button>
          ) : (
            <Button type="button" disabled={saving} onClick={() => void save()}>
              {saving ? t("buttons.saving") : mode === "edit" ? t("buttons.saveChanges") : t("buttons.create")}
            </Button>
          )}
          <Button type="button" variant="ghost" disabled={saving} onClick={() => setCancelling(true)}>
            {t("buttons.cancel")}
          </Button>
          {/* Its own line on a phone: a long status must wrap, never widen the page. */}
          <span className="min-w-0 basis-full text-xs break-words text-slate-500 sm:ml-auto sm:basis-auto" role="status" aria-live="polite" data-testid="draft-status">
            {drafts.status === "idle" ? "" : t(`draft.status.${drafts.status}`)}
          </span>
        </div>
        <CancelDialog open={cancelling} onClose={() => setCancelling(false)} onKeep={keepAndLeave} onDiscard={discardAndLeave} />
      </div>
    </WizardSettingsProvider>
  );
}
