import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

export const WIZARD_STEP_KEYS = ["information", "basic", "robot", "integration"] as const;

/**
 * The Configure Channel step indicator: 1 Channel information, 2 Basic configuration, 3 Robot
 * configuration, 4 Channel Integration. Also usable by the integration page (current = 4).
 */
export function WizardSteps({ current }: { current: 1 | 2 | 3 | 4 }) {
  const t = useTranslations("channelWizard.steps");
  return (
    <nav aria-label={t("label")} className="mb-6">
      <ol className="flex flex-wrap gap-2" data-testid="wizard-steps">
        {WIZARD_STEP_KEYS.map((key, index) => {
          const step = index + 1;
          const state = step < current ? "done" : step === current ? "current" : "todo";
          return (
            <li
              key={key}
              aria-current={state === "current" ? "step" : undefined}
              className={cn(
                "flex items-center gap-2 rounded-full border px-3 py-1 text-sm",
                state === "current" && "border-slate-900 bg-slate-900 text-white",
                state === "done" && "border-slate-300 bg-slate-100 text-slate-800",
                state === "todo" && "border-slate-200 text-slate-500",
              )}
            >
              <span className="tabular-nums font-semibold">{step}</span>
              <span>{t(key)}</span>
              {state === "done" ? <span className="sr-only">{t("done")}</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
