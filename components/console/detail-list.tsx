import type { ReactNode } from "react";

/** One label / value pair; `key` only where two labels could be the same (else the label is the key). */
export type DetailRow = { key?: string; label: string; value: ReactNode; testId?: string };

/** Label / value pairs, as every detail page shows them (a channel, a certificate, a user, an API app, the account). */
export function DetailList({ rows }: { rows: DetailRow[] }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-6 gap-y-2 text-sm">
      {rows.map((row) => (
        <div key={row.key ?? row.label} className="contents">
          <dt className="text-slate-500">{row.label}</dt>
          <dd className="min-w-0 break-words" data-testid={row.testId}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
