import Link from "next/link";
import type { ReactNode } from "react";
import { buttonVariants } from "@/components/ui/button";

/** The frame of the 403, 404 and error pages: what happened, and what the person can do next. */
export function StatusPage({
  code,
  title,
  description,
  homeLabel,
  children,
}: {
  code: string;
  title: string;
  description: string;
  homeLabel: string;
  children?: ReactNode;
}) {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center gap-4 px-4 py-16">
      <p className="text-sm font-semibold text-slate-500">{code}</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-slate-700">{description}</p>
      <div className="flex flex-wrap gap-3">
        {children}
        <Link href="/" className={buttonVariants({ variant: "outline" })}>
          {homeLabel}
        </Link>
      </div>
    </div>
  );
}
