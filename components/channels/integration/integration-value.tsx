import { CopyButton } from "@/components/api-apps/copy-button";

/**
 * One value to give the provider: its name, the value with a copy button, and where to paste it.
 * A masked value (support staff) has nothing worth copying, so it gets no button.
 */
export function IntegrationValue({
  id,
  label,
  value,
  hint,
  masked = false,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  hint: string;
  masked?: boolean;
  testId: string;
}) {
  return (
    <div className="grid gap-1.5">
      <span id={`${id}-label`} className="text-sm font-medium">
        {label}
      </span>
      <div className="flex flex-wrap items-center gap-2">
        <code
          id={id}
          aria-labelledby={`${id}-label`}
          data-testid={testId}
          className="max-w-full rounded border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs [overflow-wrap:anywhere]"
        >
          {value}
        </code>
        {masked ? null : <CopyButton value={value} what={label} />}
      </div>
      <p className="text-xs text-slate-600">{hint}</p>
    </div>
  );
}
