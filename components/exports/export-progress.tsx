/** A running export's progress: a bar for the eye, the same words for everyone (and screen readers). */
export function ExportProgress({ percent, label, text }: { percent: number; label: string; text: string }) {
  const value = Math.min(100, Math.max(0, Math.round(percent)));
  return (
    <div className="grid min-w-44 gap-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-blue-600 transition-[width]" style={{ width: `${value}%` }} />
      </div>
      <p className="text-xs tabular-nums text-slate-700" data-testid="export-progress-text">
        {text}
      </p>
    </div>
  );
}
