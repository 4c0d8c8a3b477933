import type { ReactNode } from "react";

/** One label / value pair; `key` only where two labels could be the same (else the label is the key). */
export type DetailRow = { key?: string; label: string; value: ReactNode; testId?: string };

/**
 * Label / value pairs, as every detail page shows them (a channel, a certificate, a user, an API app, the account).
 * On a phone the label sits above its value: side by side, a long label leaves the value a sliver
 * in which every word breaks.
 */
export function DetailList({ rows }: { rows: DetailRow[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-0.5 text-sm sm:grid-cols-[minmax(8rem,max-content)_minmax(0,1fr)] sm:gap-y-2">
      {rows.map((row) => (
        <div key={row.key ?? row.label} className="contents">
          <dt className="text-slate-500">{row.label}</dt>
          <dd className="mb-2 min-w-0 break-words sm:mb-0" data-testid={row.testId}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
